// Pipedrive webhooks v2: `{ meta: { action, entity, entity_id, timestamp, … }, data, previous }`.
// create / change / delete → created / updated / deleted; deal / person / organization / activity
// → deal / contact / organization / activity; fields renamed by pipedrive-fields.ts. On a delete,
// Pipedrive sends `data: null` and the last state in `previous`: that state is the entity's data.
//
// Idempotency key: `meta` without its delivery fields (attempt, webhook_id, webhook_owner_id),
// keys sorted, together with `data.update_time`, hashed. A retry differs only in those delivery
// fields, so it gets the same key; two changes differ in meta (timestamp, correlation id, event id)
// or in update_time. `meta.id` alone is not an event id: in some of Pipedrive's examples it is the
// entity's id.

import { createHash } from "node:crypto";
import { z } from "zod";
import type { EventAction, NormalizedEvent } from "@/lib/engine/event";
import { occurredAtIssue } from "./occurred-at";
import { mapPipedriveFields, PIPEDRIVE_ENTITIES } from "./pipedrive-fields";
import { toPayloadIssues, type AdapterResult, type PayloadAdapter } from "./types";

const ACTIONS: Record<string, EventAction> = { create: "created", change: "updated", delete: "deleted" };
/** v1 actions, answered with a hint to create the webhook as version 2.0. */
const V1_ACTIONS = new Set(["added", "updated", "deleted", "merged"]);
const DELIVERY_FIELDS = new Set(["attempt", "webhook_id", "webhook_owner_id"]);

const idSchema = z.union([z.string().min(1), z.number().finite()]);
const objectSchema = z.record(z.string(), z.unknown());

export const pipedriveBodySchema = z.object({
  meta: z.looseObject({
    action: z.string({ error: "meta.action is required" }),
    entity: z.string({ error: "meta.entity is required" }),
    entity_id: idSchema.optional(),
    timestamp: z.union([z.number().finite(), z.string().min(1)], { error: "meta.timestamp is required" }),
    user_id: idSchema.nullish(),
  }, { error: "meta is required: is this a Pipedrive webhook?" }),
  data: objectSchema.nullish(),
  previous: objectSchema.nullish(),
});
type PipedriveBody = z.output<typeof pipedriveBodySchema>;

/** `meta.timestamp`: Unix seconds (a number or digits) or an ISO 8601 date-time, as ISO; null when unreadable. */
function eventTime(value: number | string): string | null {
  const seconds = typeof value === "number" ? value : /^\d{1,12}$/.test(value) ? Number(value) : null;
  const time = seconds !== null ? seconds * 1000 : Date.parse(value as string);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/** JSON with object keys sorted, so the same meta always hashes alike whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function pipedriveDedupeKey(body: Pick<PipedriveBody, "meta" | "data">, entityId: string): string {
  const meta = Object.fromEntries(Object.entries(body.meta).filter(([key]) => !DELIVERY_FIELDS.has(key)));
  const identity = canonicalJson({ meta, update_time: body.data?.update_time ?? null });
  return `pipedrive:${body.meta.entity}:${entityId}:${createHash("sha256").update(identity).digest("hex")}`;
}

function actionIssue(action: string): string {
  return V1_ACTIONS.has(action)
    ? `meta.action “${action}” is a Pipedrive webhooks v1 action: create the webhook with version 2.0`
    : `meta.action “${action}” is not supported: create, change or delete`;
}

function normalizeBody(body: PipedriveBody, now: Date): AdapterResult {
  const { meta } = body;
  const action = Object.hasOwn(ACTIONS, meta.action) ? ACTIONS[meta.action] : undefined;
  const entity = Object.hasOwn(PIPEDRIVE_ENTITIES, meta.entity) ? PIPEDRIVE_ENTITIES[meta.entity] : undefined;
  const issues = [
    ...(action ? [] : [{ path: "meta.action", message: actionIssue(meta.action) }]),
    ...(entity ? [] : [{ path: "meta.entity", message: `meta.entity “${meta.entity}” is not supported: subscribe this webhook to deal, person, organization or activity` }]),
  ];
  if (!action || !entity) return { ok: false, issues };

  const isDelete = action === "deleted";
  const state = isDelete ? body.previous : body.data;
  const statePath = isDelete ? "previous" : "data";
  if (!state) return { ok: false, issues: [{ path: statePath, message: `${statePath} is required for ${meta.action}` }] };
  const rawId = meta.entity_id ?? state.id;
  if (!((typeof rawId === "string" && rawId !== "") || (typeof rawId === "number" && Number.isFinite(rawId)))) {
    return { ok: false, issues: [{ path: "meta.entity_id", message: "meta.entity_id is required" }] };
  }
  const occurredAt = eventTime(meta.timestamp);
  if (!occurredAt) return { ok: false, issues: [{ path: "meta.timestamp", message: "meta.timestamp must be Unix seconds or an ISO 8601 date-time" }] };
  const bound = occurredAtIssue(occurredAt, now, "meta.timestamp");
  if (bound) return { ok: false, issues: [bound] };

  const entityId = String(rawId);
  const event: NormalizedEvent = {
    type: `${entity}.${action}`,
    occurredAt,
    entity: { type: entity, id: entityId, data: mapPipedriveFields(entity, state) },
    previous: action === "updated" && body.previous ? mapPipedriveFields(entity, body.previous) : null,
    actor: meta.user_id != null ? { type: "user", id: String(meta.user_id) } : null,
    causation: null,
  };
  return { ok: true, event, dedupeKey: pipedriveDedupeKey(body, entityId) };
}

export const pipedriveAdapter: PayloadAdapter = {
  format: "pipedrive",
  normalize(body, { now }) {
    const parsed = pipedriveBodySchema.safeParse(body);
    if (!parsed.success) return { ok: false, issues: toPayloadIssues(parsed.error.issues) };
    return normalizeBody(parsed.data, now);
  },
};
