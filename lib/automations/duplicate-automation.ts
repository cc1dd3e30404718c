import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { copyName } from "./copy-name";
import { definitionOf } from "./definition";
import { findAutomation } from "./get-automation";
import { recordVersion } from "./record-version";
import { automationNameSchema } from "./schema";
import { automationNotFound, isAutomationId, liveAutomation, type AutomationRecord, type AutomationScope } from "./scope";

/** `name`: the copy's name as the person chose it; without one, "… (copy)". */
export type DuplicateAutomationParams = AutomationScope & { id: string; name?: unknown };

export { copyName } from "./copy-name";

/**
 * A copy owned by the person duplicating, at version 1, and **inactive**: an active copy would fire
 * on the same events as the original and double every effect (two follow-ups, two emails) until
 * someone noticed. The copy is a draft to edit, then switch on.
 */
export async function duplicateAutomation(db: Db, params: DuplicateAutomationParams): Promise<AutomationRecord> {
  if (!isAutomationId(params.id)) throw automationNotFound();
  const chosen = params.name === undefined ? undefined : automationNameSchema.safeParse(params.name);
  if (chosen && !chosen.success) {
    const message = chosen.error.issues[0]?.message ?? "Name is required";
    throw new AppError("invalid_input", message, { name: message });
  }
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
    const name = chosen?.data ?? copyName(source.name);
    const [row] = await tx
      .insert(automations)
      .values({ ...source, name, workspaceId: params.workspaceId, ownerId: params.claims.sub, isActive: false })
      .returning({ id: automations.id });
    const definition = definitionOf({ ...source, name });
    await recordVersion(tx, { automationId: row.id, workspaceId: params.workspaceId, version: 1, definition, authorId: params.claims.sub, summary: `Copied from “${source.name}”` });
    return (await findAutomation(tx, params.workspaceId, row.id))!;
  });
}
