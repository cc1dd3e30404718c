// "Know the previous state yourself": an update sent without `previous` is compared with the last
// state the CRM reported for the entity (its snapshot), which the caller reads and passes in.
// Pure: no database here; lib/runs/last-known-state.ts reads the snapshot, only when this says so.

import { getEntityField, isEntityType } from "@/lib/automations/fields";
import { sameValue } from "@/lib/automations/values";
import type { NormalizedEvent, PreviousBasis } from "./event";

/** The entity's state before this event: its data and the newest `occurred_at` it was seen at. */
export type KnownState = { data: Record<string, unknown>; at: string };

/** Whether `previous` must come from the last known state: an update whose sender gave none. */
export function needsKnownState(event: NormalizedEvent): boolean {
  return event.previous == null && event.previousBasis === undefined && event.type.endsWith(".updated");
}

function unchanged(entity: string, key: string, before: unknown, after: unknown): boolean {
  const field = isEntityType(entity) ? getEntityField(entity, key) : undefined;
  // Catalog fields compare by type (12000 = "12000", true = 1); anything else exactly.
  if (field && field.type !== "text") return sameValue(before, after, field.type);
  return JSON.stringify(before) === JSON.stringify(after);
}

/**
 * The old values of the fields whose value differs from the known state. Only fields present in
 * both count: a field the event omits did not change, and one never seen before has no old value.
 */
export function diffKnownState(entity: string, known: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    if (Object.hasOwn(known, key) && !unchanged(entity, key, known[key], data[key])) previous[key] = known[key];
  }
  return previous;
}

/**
 * The event with `previous` derived from `known` (null: nothing is known of the entity, so nothing
 * counts as changed, except what a shorthand type states). Events that need no derivation are
 * returned as they are.
 */
export function withKnownPrevious(event: NormalizedEvent, known: KnownState | null): NormalizedEvent {
  if (!needsKnownState(event)) return event;
  const stated = event.stated?.previous ?? {};
  let previous: Record<string, unknown>;
  let basis: PreviousBasis;
  if (known) {
    previous = diffKnownState(event.entity.type, known.data, event.entity.data);
    // What the type states counts against a known state that lacks the field.
    for (const [key, value] of Object.entries(stated)) if (!Object.hasOwn(known.data, key)) previous[key] = value;
    basis = { kind: "last_known", at: known.at };
  } else {
    previous = { ...stated };
    basis = { kind: "unknown" };
  }
  return { ...event, previous, previousBasis: basis };
}

/** The trace's words for where `previous` came from, or null when the sender gave it. */
export function describePreviousBasis(event: NormalizedEvent): string | null {
  const basis = event.previousBasis;
  if (!basis) return null;
  if (basis.kind === "last_known") return `The event has no previous values: compared with the last known state, from ${basis.at}`;
  const stated = event.stated ? `; only the change its type ${event.stated.type} states counts` : "";
  return `The event has no previous values and no earlier state of this ${event.entity.type} is known, so nothing counts as changed${stated}`;
}
