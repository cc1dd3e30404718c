import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { definitionOf } from "./definition";
import { findAutomation } from "./get-automation";
import { recordVersion } from "./record-version";
import { automationNotFound, isAutomationId, liveAutomation, type AutomationRecord, type AutomationScope } from "./scope";

export type DuplicateAutomationParams = AutomationScope & { id: string };

const SUFFIX = " (copy)";
const MAX_NAME = 120;

/** "Name (copy)", shortened so the suffix always fits the 120-character limit. */
export function copyName(name: string): string {
  return `${name.slice(0, MAX_NAME - SUFFIX.length).trimEnd()}${SUFFIX}`;
}

/**
 * A copy owned by the person duplicating, at version 1, and **inactive**: an active copy would fire
 * on the same events as the original and double every effect (two follow-ups, two emails) until
 * someone noticed. The copy is a draft to edit, then switch on.
 */
export async function duplicateAutomation(db: Db, params: DuplicateAutomationParams): Promise<AutomationRecord> {
  if (!isAutomationId(params.id)) throw automationNotFound();
  return withUser(db, params.claims, async (tx) => {
    const [source] = await tx
      .select({
        name: automations.name,
        description: automations.description,
        trigger: automations.trigger,
        triggerType: automations.triggerType,
        conditions: automations.conditions,
        actions: automations.actions,
      })
      .from(automations)
      .where(liveAutomation(params.workspaceId, params.id))
      .limit(1);
    if (!source) throw automationNotFound();
    const [row] = await tx
      .insert(automations)
      .values({ ...source, name: copyName(source.name), workspaceId: params.workspaceId, ownerId: params.claims.sub, isActive: false })
      .returning({ id: automations.id });
    const definition = definitionOf({ ...source, name: copyName(source.name) });
    await recordVersion(tx, { automationId: row.id, workspaceId: params.workspaceId, version: 1, definition, authorId: params.claims.sub, summary: `Copied from “${source.name}”` });
    return (await findAutomation(tx, params.workspaceId, row.id))!;
  });
}
