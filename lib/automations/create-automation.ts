import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser, type Tx } from "@/db/with-user";
import { definitionOf } from "./definition";
import { findAutomation } from "./get-automation";
import { assertMembersOfWorkspace } from "./list-assignable-members";
import type { AutomationInput } from "./schema";
import { recordVersion } from "./record-version";
import type { AutomationRecord, AutomationScope } from "./scope";


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

export type CreateAutomationParams = AutomationScope & {
  input: AutomationInput;
  /** Imported automations start switched off. */
  isActive?: boolean;
  /** The first version's summary ("Created", "Imported", "Created from template …"). */
  summary?: string;
};

/** A new automation owned by the acting user, active from the start unless asked, at version 1. */
export async function createAutomation(db: Db, params: CreateAutomationParams): Promise<AutomationRecord> {
  return withUser(db, params.claims, (tx) => insertAutomation(tx, params));
}

/** The same inside a caller's transaction (an import writes many in one). */
export async function insertAutomation(tx: Tx, params: CreateAutomationParams): Promise<AutomationRecord> {
  await assertMembersOfWorkspace(tx, params.workspaceId, params.input.actions);
  const [row] = await tx
    .insert(automations)
    .values({ ...automationValues(params.input), workspaceId: params.workspaceId, ownerId: params.claims.sub, isActive: params.isActive ?? true })
    .returning({ id: automations.id });
  await recordVersion(tx, {
    automationId: row.id,
    workspaceId: params.workspaceId,
    version: 1,
    definition: definitionOf(params.input),
    authorId: params.claims.sub,
    summary: params.summary ?? "Created",
  });
  return (await findAutomation(tx, params.workspaceId, row.id))!;
}
