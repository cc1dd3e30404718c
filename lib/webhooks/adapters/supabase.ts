// Supabase Database Webhooks: `{ type: INSERT|UPDATE|DELETE, table, schema, record, old_record }`.
// Rows become entities through the source's mapping (supabase-mapping.ts): `schema.table` → entity,
// its columns → id, owner_id, stage; `previous` is derived by diffing old_record against record.
// The idempotency key is the row's identity at one point in time (primary key + event time
// column + operation), never the body: the same body twice can be two real changes (A→B→A→B).

import { createHash } from "node:crypto";
import { z } from "zod";
import { parseDate } from "@/lib/automations/values";
import { wireCausationSchema, type EventAction, type NormalizedEvent } from "@/lib/engine/event";
import { MAX_WEBHOOK_ID_LENGTH } from "../limits";
import { occurredAtIssue } from "./occurred-at";
import { DEFAULT_SUPABASE_MAPPING, mappedEntity, type SupabaseColumns, type SupabaseMapping } from "./supabase-mapping";
import { toPayloadIssues, type AdapterResult, type PayloadAdapter, type PayloadIssue } from "./types";

const ACTIONS: Record<SupabaseBody["type"], EventAction> = { INSERT: "created", UPDATE: "updated", DELETE: "deleted" };
/** A column a CRM may set on writes made by an automation; it is metadata, not entity data. */
const CAUSATION_COLUMN = "automation_causation";

const rowSchema = z.record(z.string(), z.unknown());

export const supabaseBodySchema = z.object({
  type: z.enum(["INSERT", "UPDATE", "DELETE"], { error: "type must be INSERT, UPDATE or DELETE" }),
  table: z.string().min(1, "table is required"),
  schema: z.string().min(1).optional(),
  record: rowSchema.nullable(),
  old_record: rowSchema.nullish(),
});
export type SupabaseBody = z.output<typeof supabaseBodySchema>;

type Row = Record<string, unknown>;

/** The row in our vocabulary: the mapped owner and stage columns copied to owner_id and stage, causation left out. */
function mapRow(row: Row, columns: SupabaseColumns): Row {
  const { [CAUSATION_COLUMN]: _ignored, ...data } = row;
  if (columns.owner !== "owner_id" && Object.hasOwn(row, columns.owner)) data.owner_id = row[columns.owner];
  if (columns.stage !== "stage" && Object.hasOwn(row, columns.stage)) data.stage = row[columns.stage];
  return data;
}

/** Old values of the columns whose value differs (compared as JSON, so jsonb columns compare deeply). */
export function diffRows(oldRow: Row, newRow: Row): Row {
  const previous: Row = {};
  for (const key of new Set([...Object.keys(oldRow), ...Object.keys(newRow)])) {
    if (JSON.stringify(oldRow[key]) !== JSON.stringify(newRow[key])) previous[key] = oldRow[key] ?? null;
  }
  return previous;
}

/** A Postgres timestamp as ISO 8601 UTC, or null when unreadable. */
function isoTimestamp(value: unknown): string | null {
  // Postgres text output ends offsets as "+00"; ISO 8601 parsers want "+00:00".
  const text = typeof value === "string" ? value.replace(/(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-]\d{2})$/, "$1$2:00") : value;
  const parsed = parseDate(text);
  return parsed ? new Date(parsed.time).toISOString() : null;
}

function validId(id: unknown): id is string | number {
  return (typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id));
}

/** `supabase:<schema>.<table>:<op>:<id>@<event time as sent>`, hashed when it would exceed a webhook-id. */
function dedupeKey(schema: string, body: SupabaseBody, id: string, stamp: unknown): string {
  const key = `supabase:${schema}.${body.table}:${body.type}:${id}@${String(stamp)}`;
  return key.length <= MAX_WEBHOOK_ID_LENGTH ? key : `supabase:sha256:${createHash("sha256").update(key).digest("hex")}`;
}

function bodyIssues(body: SupabaseBody, mapping: SupabaseMapping, schema: string): PayloadIssue[] {
  const issues: PayloadIssue[] = [];
  if (!mappedEntity(mapping, schema, body.table)) {
    issues.push({
      path: "table",
      message: `table “${schema}.${body.table}” is not mapped to an entity: an admin can map it under Tables on this source (Settings → Webhooks), e.g. “${schema}.${body.table} = deal”`,
    });
  }
  const isDelete = body.type === "DELETE";
  const row = isDelete ? body.old_record : body.record;
  const rowPath = isDelete ? "old_record" : "record";
  if (!row) issues.push({ path: rowPath, message: `${rowPath} is required for ${body.type}` });
  if (body.type === "UPDATE" && !body.old_record) issues.push({ path: "old_record", message: "old_record is required for UPDATE" });
  const idColumn = mapping.columns.id;
  if (row && !validId(row[idColumn])) issues.push({ path: `${rowPath}.${idColumn}`, message: `${rowPath}.${idColumn} is required (this source's primary key column)` });
  const rawCausation = body.record?.[CAUSATION_COLUMN];
  if (rawCausation != null) {
    const causation = wireCausationSchema.safeParse(rawCausation);
    if (!causation.success) {
      issues.push(...toPayloadIssues(causation.error.issues).map((issue) => ({
        path: [`record.${CAUSATION_COLUMN}`, issue.path].filter(Boolean).join("."),
        message: issue.message,
      })));
    }
  }
  return issues;
}

/**
 * When the change happened: the event time column (required when the source names one), else
 * updated_at / created_at, else the receipt time. A deletion happens when it is received: the old
 * row's event time is its last edit (it still names the deletion, in the idempotency key).
 */
function eventTime(row: Row, rowPath: string, body: SupabaseBody, columns: SupabaseColumns, now: Date): { occurredAt: string } | { issue: PayloadIssue } {
  const isDelete = body.type === "DELETE";
  if (columns.eventTime) {
    const path = `${rowPath}.${columns.eventTime}`;
    const stamp = isoTimestamp(row[columns.eventTime]);
    if (!stamp) return { issue: { path, message: `${path} must be a timestamp: it is this source's event time column, which identifies each change` } };
    const occurredAt = isDelete ? now.toISOString() : stamp;
    const bound = occurredAtIssue(occurredAt, now, path);
    return bound ? { issue: bound } : { occurredAt };
  }
  const column = isDelete ? null : row.updated_at ? "updated_at" : "created_at";
  const occurredAt = (column && isoTimestamp(row[column])) || now.toISOString();
  const bound = occurredAtIssue(occurredAt, now, `${rowPath}.${column}`);
  return bound ? { issue: bound } : { occurredAt };
}

function normalizeBody(body: SupabaseBody, mapping: SupabaseMapping, now: Date): AdapterResult {
  // Supabase always sends the schema; a sender that leaves it out means the default one.
  const schema = body.schema ?? "public";
  const issues = bodyIssues(body, mapping, schema);
  const entityType = mappedEntity(mapping, schema, body.table);
  const isDelete = body.type === "DELETE";
  const row = isDelete ? body.old_record : body.record;
  if (issues.length > 0 || !entityType || !row) return { ok: false, issues };

  const rowPath = isDelete ? "old_record" : "record";
  const { columns } = mapping;
  const time = eventTime(row, rowPath, body, columns, now);
  if ("issue" in time) return { ok: false, issues: [time.issue] };

  const id = String(row[columns.id]);
  const data = mapRow(row, columns);
  const causation = body.record?.[CAUSATION_COLUMN] == null ? null : wireCausationSchema.parse(body.record[CAUSATION_COLUMN]);
  const event: NormalizedEvent = {
    type: `${entityType}.${ACTIONS[body.type]}`,
    occurredAt: time.occurredAt,
    entity: { type: entityType, id, data },
    previous: body.type === "UPDATE" ? diffRows(mapRow(body.old_record!, columns), data) : null,
    actor: null,
    causation: causation ? { automationId: causation.automation_id, depth: causation.depth } : null,
  };
  return { ok: true, event, dedupeKey: columns.eventTime ? dedupeKey(schema, body, id, row[columns.eventTime]) : null };
}

export const supabaseAdapter: PayloadAdapter = {
  format: "supabase",
  normalize(body, context) {
    const parsed = supabaseBodySchema.safeParse(body);
    if (!parsed.success) return { ok: false, issues: toPayloadIssues(parsed.error.issues) };
    return normalizeBody(parsed.data, context.supabaseMapping ?? DEFAULT_SUPABASE_MAPPING, context.now);
  },
};
