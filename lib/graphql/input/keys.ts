// Key and name spellings the API accepts besides the stored form, and the generic object rewrite
// that applies them while refusing keys the stored form does not have.

import { z } from "zod";
import type { InputIssue, Origin } from "./origin";

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `due_in_days` → `dueInDays`; camelCase stays as it is. */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, char: string) => char.toUpperCase());
}

/** `createActivity` or `create-activity` → `create_activity`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/-/g, "_")
    .toLowerCase();
}

/** The keys of an object schema, or null when the schema is not a plain object (then any key passes). */
export function objectKeys(schema: z.ZodType): string[] | null {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : null;
}

/**
 * Rewrites `sent`'s keys to the stored spelling (an alias, else camelCase), recording each key's
 * origin. A key the stored form does not have, or one given twice under two spellings, is an issue.
 */
export function rewriteKeys(
  sent: JsonRecord,
  origin: Origin,
  issues: InputIssue[],
  options: { allowed: readonly string[] | null; aliases?: Readonly<Record<string, string>>; skip?: readonly string[] },
): JsonRecord {
  const out: JsonRecord = {};
  for (const [key, value] of Object.entries(sent)) {
    if (options.skip?.includes(key)) continue;
    const stored = options.aliases?.[key] ?? camelCase(key);
    if (options.allowed && !options.allowed.includes(stored)) {
      issues.push({ path: [...origin.path, key], message: `Unknown key “${key}”` });
      continue;
    }
    if (Object.hasOwn(out, stored)) {
      issues.push({ path: [...origin.path, key], message: `“${key}” repeats another key (${stored})` });
      continue;
    }
    out[stored] = value;
    origin.child(stored, [...origin.path, key]);
  }
  return out;
}
