import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { findAutomation } from "./get-automation";
import { assertMembersOfWorkspace } from "./list-assignable-members";
import type { AutomationInput } from "./schema";
import type { AutomationRecord, AutomationScope } from "./scope";

export type CreateAutomationParams = AutomationScope & { input: AutomationInput };

/** The stored columns of a validated input; `trigger_type` always mirrors `trigger.type`. */
export function automationValues(input: AutomationInput) {
  return {
    name: input.name,
    description: input.description ? input.description : null,
    trigger: input.trigger,
    triggerType: input.trigger.type,
    conditions: input.conditions,
    actions: input.actions,
  };
}

/** A new automation owned by the acting user, active from the start, at version 1. */
export async function createAutomation(db: Db, params: CreateAutomationParams): Promise<AutomationRecord> {
  return withUser(db, params.claims, async (tx) => {
    await assertMembersOfWorkspace(tx, params.workspaceId, params.input.actions);
    const [row] = await tx
      .insert(automations)
      .values({ ...automationValues(params.input), workspaceId: params.workspaceId, ownerId: params.claims.sub })
      .returning({ id: automations.id });
    return (await findAutomation(tx, params.workspaceId, row.id))!;
  });
}
