// The common shapes CRMs send, mapped onto the canonical event before anything reads it, so
// triggers, conditions, snapshots and templates see one vocabulary: shorthand event types
// (`deal.won` is a `deal.updated` whose status became won) and booleans sent as 1/0 or words.
// docs/events.md lists exactly what is normalised (generated from EVENT_TYPE_ALIASES).

import { fieldsFor, isEntityType } from "@/lib/automations/fields";
import { toBoolean } from "@/lib/automations/values";
import type { EventType, NormalizedEvent } from "./event";

/** A shorthand type: the canonical type, the field it sets, its value, and the old value assumed. */
export type EventTypeAlias = { type: EventType; field: string; value: string | boolean; assumed: string | boolean };

export const EVENT_TYPE_ALIASES = {
  "deal.won": { type: "deal.updated", field: "status", value: "won", assumed: "open" },
  "deal.lost": { type: "deal.updated", field: "status", value: "lost", assumed: "open" },
  "activity.completed": { type: "activity.updated", field: "done", value: true, assumed: false },
} as const satisfies Record<string, EventTypeAlias>;

export type AliasEventType = keyof typeof EVENT_TYPE_ALIASES;
export const ALIAS_EVENT_TYPES = Object.keys(EVENT_TYPE_ALIASES) as AliasEventType[];

export function getEventTypeAlias(type: string): EventTypeAlias | undefined {
  return Object.hasOwn(EVENT_TYPE_ALIASES, type) ? EVENT_TYPE_ALIASES[type as AliasEventType] : undefined;
}

/** Why a shorthand event contradicts itself (`deal.won` whose data says lost), or null. */
export function aliasConflict(type: string, data: Record<string, unknown>): string | null {
  const alias = getEventTypeAlias(type);
  if (!alias || !Object.hasOwn(data, alias.field) || data[alias.field] == null) return null;
  const given = typeof alias.value === "boolean" ? toBoolean(data[alias.field]) : String(data[alias.field]).trim().toLowerCase();
  return given === alias.value ? null : `${alias.field} is ${JSON.stringify(data[alias.field])}, but the event type ${type} says ${String(alias.value)}`;
}

/**
 * The canonical event for a shorthand type: the updated event with the field set, and the old value
 * the sender gave in `previous` (kept), else left to the last known state, with `assumed` as the
 * fallback when no earlier state is known (lib/engine/known-previous.ts reads `stated`).
 */
export function expandAlias(event: Omit<NormalizedEvent, "type"> & { type: string }): NormalizedEvent {
  const alias = getEventTypeAlias(event.type);
  if (!alias) return event as NormalizedEvent;
  const data = { ...event.entity.data, [alias.field]: alias.value };
  const stated = { type: event.type, previous: { [alias.field]: alias.assumed } };
  let previous = event.previous;
  if (previous && !Object.hasOwn(previous, alias.field)) previous = { ...previous, [alias.field]: alias.assumed };
  return { ...event, type: alias.type, entity: { ...event.entity, data }, previous, stated };
}

/** Values accepted for the catalog's boolean fields and stored as true/false. */
function canonicalBooleans(entity: string, record: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!record || !isEntityType(entity)) return record;
  let out: Record<string, unknown> | null = null;
  for (const field of fieldsFor(entity)) {
    if (field.type !== "boolean" || !Object.hasOwn(record, field.key)) continue;
    const value = record[field.key];
    const bool = toBoolean(value);
    if (bool === null || bool === value) continue;
    out ??= { ...record };
    out[field.key] = bool;
  }
  return out ?? record;
}

/** Booleans in `data` and `previous` as true/false, whatever the format's adapter produced. */
export function canonicalEvent(event: NormalizedEvent): NormalizedEvent {
  const data = canonicalBooleans(event.entity.type, event.entity.data)!;
  const previous = canonicalBooleans(event.entity.type, event.previous);
  if (data === event.entity.data && previous === event.previous) return event;
  return { ...event, entity: { ...event.entity, data }, previous };
}
