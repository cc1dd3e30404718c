import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { automationNotFound, isAutomationId, type AutomationScope } from "./scope";

export type DeleteAutomationParams = AutomationScope & { id: string };

/**
 * Deletes an automation and (by cascade) its runs. Activities and notifications it created stay,
 * unlinked: they belong to the people they were made for.
 */
export async function deleteAutomation(db: Db, params: DeleteAutomationParams): Promise<{ id: string }> {
  if (!isAutomationId(params.id)) throw automationNotFound();
  const deleted = await withUser(db, params.claims, (tx) =>
    tx
      .delete(automations)
      .where(and(eq(automations.id, params.id), eq(automations.workspaceId, params.workspaceId)))
      .returning({ id: automations.id }),
  );
  if (deleted.length === 0) throw automationNotFound();
  return deleted[0];
}
