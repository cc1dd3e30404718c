// Whether the "Send test event" sample (lib/webhooks/sample-event.ts: a deal moving from Proposal to
// Negotiation) would leave a run of a given automation, so an empty run list offers the button only
// where pressing it shows something. Pure: the engine's own trigger verdict, no database.

import type { EngineAutomation } from "@/lib/engine/compile-automation";
import { evaluateAutomation } from "@/lib/engine/plan";
import { nativeAdapter } from "@/lib/webhooks/adapters";
import { sampleNativeEvent } from "@/lib/webhooks/sample-event";

/** True when the automation is on and the sample event triggers it (its conditions may still skip it: that is a run too). */
export function sampleEventRuns(automation: EngineAutomation, now: Date): boolean {
  if (!automation.isActive) return false;
  const normalized = nativeAdapter.normalize(sampleNativeEvent({ owner: "sample-owner" }, now), { now });
  if (!normalized.ok) return false;
  return evaluateAutomation(normalized.event, automation, now).matched;
}
