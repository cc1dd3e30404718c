import { and, desc, eq, ilike, isNull, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations, profiles } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { automationColumns, type AutomationRecord, type AutomationScope } from "./scope";

export type ListAutomationsParams = AutomationScope & {
  /** Matches anywhere in the name, case-insensitively; `%`, `_` and `\` match themselves. */
  query?: string;
  /** Only this owner's automations (the API's myWorkflowAutomations: an admin's own, not the team's). */
  ownerId?: string;
};

/**
 * The automations the user may see in the session's workspace, most recently changed first.
 * Row-level security does the member/admin split: admins get every one, members their own.
 */
export async function listAutomations(db: Db, params: ListAutomationsParams): Promise<AutomationRecord[]> {
  const filters: SQL[] = [eq(automations.workspaceId, params.workspaceId), isNull(automations.deletedAt)];
  const query = params.query?.trim();
  if (query) filters.push(ilike(automations.name, `%${escapeLike(query)}%`));
  if (params.ownerId) filters.push(eq(automations.ownerId, params.ownerId));
  return withUser(db, params.claims, (tx) =>
    tx
      .select(automationColumns)
      .from(automations)
      .leftJoin(profiles, eq(profiles.id, automations.ownerId))
      .where(and(...filters))
      .orderBy(desc(automations.updatedAt), desc(automations.id)),
  );
}

/** LIKE's wildcards taken literally (backslash is PostgreSQL's default LIKE escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
