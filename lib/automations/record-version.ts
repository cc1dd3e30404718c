import type { Tx } from "@/db/with-user";
import { automationVersions } from "@/db/schema";
import type { AutomationDefinition } from "./definition";

export type RecordVersionParams = {
  automationId: string;
  workspaceId: string;
  version: number;
  definition: AutomationDefinition;
  authorId: string;
  summary: string;
};

/** Writes one immutable version, in the transaction of the save that made it. */
export async function recordVersion(tx: Tx, params: RecordVersionParams): Promise<void> {
  const { definition } = params;
  await tx.insert(automationVersions).values({
    automationId: params.automationId,
    workspaceId: params.workspaceId,
    version: params.version,
    name: definition.name,
    description: definition.description,
    trigger: definition.trigger,
    conditions: definition.conditions,
    actions: definition.actions,
    authorId: params.authorId,
    summary: params.summary,
  });
}
