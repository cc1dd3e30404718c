// What an empty run list says to get a first run: to an admin, a "Send test event" button when the
// sample event would run one of the listed automations, else the step that is missing (a webhook
// source, an automation it triggers); to a member, that runs come with events and who can send one.

import type { Db } from "@/db/client";
import type { UserClaims } from "@/db/with-user";
import type { EngineAutomation } from "@/lib/engine/compile-automation";
import { findTestEventSource } from "@/lib/webhooks/sources/find-test-event-source";
import { sampleEventRuns } from "./sample-event-runs";

export type FirstRunPrompt =
  | { kind: "member" }
  | { kind: "send"; source: { id: string; name: string } }
  | { kind: "needs_source" }
  | { kind: "needs_automation" }
  | { kind: "not_triggered" };

export type FirstRunPromptParams = {
  claims: UserClaims;
  workspaceId: string;
  role: "admin" | "member";
  /** The automations the list shows runs of: the workspace's, or the one automation's. */
  automations: readonly EngineAutomation[];
  now: Date;
};

export async function loadFirstRunPrompt(db: Db, params: FirstRunPromptParams): Promise<FirstRunPrompt> {
  if (params.role !== "admin") return { kind: "member" };
  const source = await findTestEventSource(db, { claims: params.claims, workspaceId: params.workspaceId });
  if (!source) return { kind: "needs_source" };
  if (params.automations.length === 0) return { kind: "needs_automation" };
  if (!params.automations.some((automation) => sampleEventRuns(automation, params.now))) return { kind: "not_triggered" };
  return { kind: "send", source };
}
