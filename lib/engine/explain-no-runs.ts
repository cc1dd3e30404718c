// Why an event ran nothing, in one line for the delivery log: "no active automation listens to
// deal.updated", or "2 listen; neither matched: stage did not change". Only called when nothing
// ran, so the common path pays nothing; it reads the trigger verdicts of at most a few automations.

import type { FieldCatalog } from "@/lib/automations/field-catalog";
import { triggerTypesForEvent } from "@/lib/automations/triggers";
import type { EngineAutomation } from "./compile-automation";
import type { NormalizedEvent } from "./event";
import { listenersOf } from "./plan";

/** Verdicts looked at, at most: the line names the distinct reasons, not every automation's. */
const MAX_VERDICTS = 20;

function noneWord(count: number): string {
  return count === 2 ? "neither matched" : "none matched";
}

export function explainNoRuns(event: NormalizedEvent, automations: readonly EngineAutomation[], catalog?: FieldCatalog): string {
  const listeners = triggerTypesForEvent(event.type).flatMap((type) => listenersOf(automations, type, catalog).filter((entry) => entry.automation.isActive));
  if (listeners.length === 0) return `no active automation listens to ${event.type}`;
  const reasons = new Map<string, number>();
  for (const { compiled } of listeners.slice(0, MAX_VERDICTS)) {
    if (!compiled?.trigger) continue;
    const { reason } = compiled.trigger.definition.match(event, compiled.trigger.config);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const count = listeners.length;
  const words = [...reasons].map(([reason, n]) => (reasons.size > 1 ? `${reason} (${n})` : reason)).join("; ");
  return `${count} ${count === 1 ? "listens; it did not match" : `listen; ${noneWord(count)}`}${words ? `: ${words}` : ""}`;
}
