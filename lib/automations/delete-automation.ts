import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { automationNotFound, isAutomationId, liveAutomation, type AutomationScope } from "./scope";

export type DeleteAutomationParams = AutomationScope & { id: string };

/**
 * Deletes an automation for its users: it leaves the lists, the API and the engine at once (it is
 * switched off too), but its row stays, so its runs keep showing the version they ran until
 * retention removes them, and then the automation itself (lib/runs/prune-history.ts). Activities
 * and notifications it created belong to the people they were made for and stay.
 */
export async function deleteAutomation(db: Db, params: DeleteAutomationParams): Promise<{ id: string }> {
  if (!isAutomationId(params.id)) throw automationNotFound();
  const deleted = await withUser(db, params.claims, (tx) =>
    tx
      .update(automations)
      .set({ deletedAt: sql`now()`, isActive: false, updatedAt: sql`now()` })
      .where(liveAutomation(params.workspaceId, params.id))
      .returning({ id: automations.id }),
  );
  if (deleted.length === 0) throw automationNotFound();
  return deleted[0];
}
