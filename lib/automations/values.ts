// Coercion of untyped CRM values into comparable ones. Every function returns null instead of
// throwing, because a mistyped value from a webhook must make a condition false, never crash a run.

import type { FieldType } from "./fields";

const DAY_MS = 86_400_000;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// Date-only or date-time; a date-time without an offset is read as UTC so results never
// depend on the server's time zone.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export type ParsedDate = { time: number; day: number; dateOnly: boolean };

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

export function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") {
    const trimmed = value.trim();
    return NUMERIC.test(trimmed) ? Number(trimmed) : null;
  }
  return null;
}

/** Lower-cased, trimmed text; numbers count as text (an id may arrive as 42 or "42"). */
export function toText(value: unknown): string | null {
  if (typeof value === "string") return value.trim().toLowerCase();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return String(value);
  return null;
}

/** true/false, 1/0, and the words "true"/"false" or "1"/"0" in any case (docs/events.md). */
export function toBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (text === "true" || text === "1") return true;
    if (text === "false" || text === "0") return false;
  }
  return null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO strings (and valid Date objects) only: `Date.parse` alone accepts "1" and "2026-02-30". */
export function parseDate(value: unknown): ParsedDate | null {
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? null : { time, day: Math.floor(time / DAY_MS), dateOnly: false };
  }
  if (typeof value !== "string") return null;
  const match = ISO_DATE.exec(value.trim());
  if (!match) return null;
  const [, y, m, d, hh, mm, ss, zone] = match;
  const year = Number(y);
  const month = Number(m);
  const dayOfMonth = Number(d);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return null;
  if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59)) return null;
  const text = value.trim().replace(" ", "T");
  const time = Date.parse(hh !== undefined && !zone ? `${text}Z` : text);
  if (Number.isNaN(time)) return null;
  return { time, day: Math.floor(time / DAY_MS), dateOnly: hh === undefined };
}

export function dayNumber(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/** The comparable form of a value for a field type, or null when it does not fit the type. */
export function normalizeValue(value: unknown, fieldType: FieldType): string | number | boolean | null {
  switch (fieldType) {
    case "number":
      return toNumber(value);
    case "date":
      return parseDate(value)?.time ?? null;
    case "boolean":
      return toBoolean(value);
    default:
      return toText(value);
  }
}

/**
 * Type-aware equality: empties equal each other, "12000" equals 12000, text ignores case and
 * surrounding spaces. Values that fit neither side's type fall back to structural comparison.
 */
export function sameValue(a: unknown, b: unknown, fieldType: FieldType): boolean {
  const aEmpty = isEmptyValue(a);
  const bEmpty = isEmptyValue(b);
  if (aEmpty || bEmpty) return aEmpty && bEmpty;
  const left = normalizeValue(a, fieldType);
  const right = normalizeValue(b, fieldType);
  if (left !== null && right !== null) return left === right;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Own-property read: event data is untrusted JSON, so never read through the prototype chain. */
export function readOwn(record: Record<string, unknown> | null | undefined, key: string): unknown {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}
