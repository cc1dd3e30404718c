import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { findAutomation } from "./get-automation";
import { automationNotFound, isAutomationId, liveAutomation, type AutomationRecord, type AutomationScope } from "./scope";

export type SetAutomationActiveParams = AutomationScope & { id: string; isActive: boolean };

/**
 * The columns to set for an activation state. Turning an inactive automation back on is the user
 * saying "try again": the failure streak and the auto-disable reason go. Saving one that is already
 * active, or switching one off, keeps them, so the history of why it was stopped survives.
 */
export function activationValues(isActive: boolean) {
  if (!isActive) return { isActive: false };
  return {
    isActive: true,
    consecutiveFailures: sql`case when ${automations.isActive} then ${automations.consecutiveFailures} else 0 end`,
    disabledReason: sql`case when ${automations.isActive} then ${automations.disabledReason} else null end`,
  };
}

/** Switches an automation on or off. Not a new version: trigger, conditions and actions are unchanged. */
export async function setAutomationActive(db: Db, params: SetAutomationActiveParams): Promise<AutomationRecord> {
  if (!isAutomationId(params.id)) throw automationNotFound();
  return withUser(db, params.claims, async (tx) => {
    const updated = await tx
      .update(automations)
      .set({ ...activationValues(params.isActive), updatedAt: sql`now()` })
      .where(liveAutomation(params.workspaceId, params.id))
      .returning({ id: automations.id });
    // Row-level security hides other people's rows from UPDATE: zero rows means "not yours".
    if (updated.length === 0) throw automationNotFound();
    return (await findAutomation(tx, params.workspaceId, params.id))!;
  });
}
