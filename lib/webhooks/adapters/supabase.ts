// Supabase Database Webhooks: `{ type: INSERT|UPDATE|DELETE, table, schema, record, old_record }`.
// Rows become entities by table name; `previous` is derived by diffing old_record against record.

import { z } from "zod";
import type { EntityType } from "@/lib/automations/fields";
import { parseDate } from "@/lib/automations/values";
import { wireCausationSchema, type EventAction, type NormalizedEvent } from "@/lib/engine/event";
import { occurredAtIssue } from "./occurred-at";
import { toPayloadIssues, type AdapterResult, type PayloadAdapter, type PayloadIssue } from "./types";

export const SUPABASE_TABLES: Record<string, EntityType> = {
  deals: "deal",
  contacts: "contact",
  organizations: "organization",
  activities: "activity",
};

const ACTIONS: Record<SupabaseBody["type"], EventAction> = { INSERT: "created", UPDATE: "updated", DELETE: "deleted" };
/** A column a CRM may set on writes made by an automation; it is metadata, not entity data. */
const CAUSATION_COLUMN = "automation_causation";

const rowSchema = z.record(z.string(), z.unknown());

export const supabaseBodySchema = z.object({
  type: z.enum(["INSERT", "UPDATE", "DELETE"], { error: "type must be INSERT, UPDATE or DELETE" }),
  table: z.string().min(1, "table is required"),
  schema: z.string().optional(),
  record: rowSchema.nullable(),
  old_record: rowSchema.nullish(),
});
export type SupabaseBody = z.output<typeof supabaseBodySchema>;

function withoutCausation(row: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(row, CAUSATION_COLUMN)) return row;
  const { [CAUSATION_COLUMN]: _ignored, ...rest } = row;
  return rest;
}

/** Old values of the columns whose value differs (compared as JSON, so jsonb columns compare deeply). */
export function diffRows(oldRow: Record<string, unknown>, newRow: Record<string, unknown>): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(oldRow), ...Object.keys(newRow)])) {
    if (JSON.stringify(oldRow[key]) !== JSON.stringify(newRow[key])) previous[key] = oldRow[key] ?? null;
  }
  return previous;
}

/** Postgres timestamps as ISO 8601 UTC; anything unreadable falls back to the receipt time. */
function timestamp(value: unknown, now: Date): string {
  // Postgres text output ends offsets as "+00"; ISO 8601 parsers want "+00:00".
  const text = typeof value === "string" ? value.replace(/(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-]\d{2})$/, "$1$2:00") : value;
  const parsed = parseDate(text);
  return parsed ? new Date(parsed.time).toISOString() : now.toISOString();
}

function normalizeBody(body: SupabaseBody, now: Date): AdapterResult {
  const issues: PayloadIssue[] = [];
  const entityType = Object.hasOwn(SUPABASE_TABLES, body.table) ? SUPABASE_TABLES[body.table] : undefined;
  if (!entityType) issues.push({ path: "table", message: `table “${body.table}” is not mapped to an entity` });
  const isDelete = body.type === "DELETE";
  const row = isDelete ? body.old_record : body.record;
  const rowPath = isDelete ? "old_record" : "record";
  if (!row) issues.push({ path: rowPath, message: `${rowPath} is required for ${body.type}` });
  if (body.type === "UPDATE" && !body.old_record) {
    issues.push({ path: "old_record", message: "old_record is required for UPDATE" });
  }
  const id = row?.id;
  if (row && !(typeof id === "string" && id !== "") && !(typeof id === "number" && Number.isFinite(id))) {
    issues.push({ path: `${rowPath}.id`, message: `${rowPath}.id is required` });
  }
  const rawCausation = body.record?.[CAUSATION_COLUMN];
  const causation = rawCausation == null ? null : wireCausationSchema.safeParse(rawCausation);
  if (causation && !causation.success) {
    issues.push(...toPayloadIssues(causation.error.issues).map((issue) => ({
      path: [`record.${CAUSATION_COLUMN}`, issue.path].filter(Boolean).join("."),
      message: issue.message,
    })));
  }
  if (issues.length > 0 || !entityType || !row) return { ok: false, issues };

  // A deletion has no row timestamp of its own: the old row's updated_at is the last edit.
  const stampColumn = isDelete ? null : row.updated_at ? "updated_at" : "created_at";
  const occurredAt = timestamp(stampColumn ? row[stampColumn] : undefined, now);
  const bound = occurredAtIssue(occurredAt, now, `${rowPath}.${stampColumn}`);
  if (bound) return { ok: false, issues: [bound] };

  const data = withoutCausation(row);
  const event: NormalizedEvent = {
    type: `${entityType}.${ACTIONS[body.type]}`,
    occurredAt,
    entity: { type: entityType, id: String(id), data },
    previous: body.type === "UPDATE" ? diffRows(withoutCausation(body.old_record!), data) : null,
    actor: null,
    causation: causation?.success ? { automationId: causation.data.automation_id, depth: causation.data.depth } : null,
  };
  return { ok: true, event };
}

export const supabaseAdapter: PayloadAdapter = {
  format: "supabase",
  normalize(body, context) {
    const parsed = supabaseBodySchema.safeParse(body);
    if (!parsed.success) return { ok: false, issues: toPayloadIssues(parsed.error.issues) };
    return normalizeBody(parsed.data, context.now);
  },
};
