// The test run of a time-based automation: the chosen event or pasted payload stands for the
// entity's last known state, and becomes the internal event a sweep would make for it now, so the
// editor shows the same trigger verdict, conditions and rendered actions as a scheduled run.

import { getTrigger } from "@/lib/automations/triggers";
import type { InternalEventType, NormalizedEvent } from "@/lib/engine/event";

/** The internal event for a time-based trigger; null when the trigger is not time-based. */
export function timeBasedTestEvent(trigger: { type: string }, event: NormalizedEvent, now: Date): NormalizedEvent | null {
  const definition = getTrigger(trigger.type);
  if (!definition?.timeBased) return null;
  const type = definition.type as InternalEventType;
  if (definition.entity === null) {
    return { type, occurredAt: now.toISOString(), entity: { type: "schedule", id: "", data: {} }, previous: null, due: { automationId: "unsaved", period: String(now.getTime()), reason: "test run: as if the schedule were due now" } };
  }
  // Another entity's event stays as it is, and the trigger says it does not fire on it.
  if (event.entity.type !== definition.entity) return null;
  return {
    ...event,
    type,
    previous: null,
    due: { automationId: "unsaved", period: event.occurredAt, reason: `test run: as if this ${definition.entity} were due now` },
  };
}
