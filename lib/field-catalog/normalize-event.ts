// Stage normalisation at ingest: a deal's stage given by id or by label in any case ("Contract
// sent", "CONTRACT_SENT", Pipedrive's 3) is stored and evaluated as the workspace's stage id, so
// conditions, triggers and the recorded event agree. Unknown stages are kept as sent. Pure.

import type { FieldCatalog } from "@/lib/automations/field-catalog";
import type { NormalizedEvent } from "@/lib/engine/event";

function withStage(values: Record<string, unknown>, catalog: FieldCatalog): Record<string, unknown> {
  if (!Object.hasOwn(values, "stage")) return values;
  const stage = catalog.resolveStage(values.stage);
  return stage === undefined || stage === values.stage ? values : { ...values, stage };
}

/** The event with its stages as ids; the same object when nothing changes (the common case). */
export function normalizeEventStages(event: NormalizedEvent, catalog: FieldCatalog): NormalizedEvent {
  if (event.entity.type !== "deal") return event;
  const data = withStage(event.entity.data, catalog);
  const previous = event.previous ? withStage(event.previous, catalog) : event.previous;
  if (data === event.entity.data && previous === event.previous) return event;
  return { ...event, entity: { ...event.entity, data }, previous };
}
