import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations, profiles } from "@/db/schema";
import { withUser, type Tx } from "@/db/with-user";
import { automationColumns, automationNotFound, isAutomationId, liveAutomation, type AutomationRecord, type AutomationScope } from "./scope";

export type GetAutomationParams = AutomationScope & { id: string };

/** One automation of the session's workspace, if row-level security lets the user see it. */
export async function getAutomation(db: Db, params: GetAutomationParams): Promise<AutomationRecord> {
  if (!isAutomationId(params.id)) throw automationNotFound();
  const record = await withUser(db, params.claims, (tx) => findAutomation(tx, params.workspaceId, params.id));
  if (!record) throw automationNotFound();
  return record;
}

/** The same read inside a caller's transaction (after a write, to return the fresh row). */
export async function findAutomation(tx: Tx, workspaceId: string, id: string): Promise<AutomationRecord | undefined> {
  const [row] = await tx
    .select(automationColumns)
    .from(automations)
    .leftJoin(profiles, eq(profiles.id, automations.ownerId))
    .where(liveAutomation(workspaceId, id))
    .limit(1);
  return row;
}
