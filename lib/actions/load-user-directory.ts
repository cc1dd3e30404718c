import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { profiles, workspaceMembers } from "@/db/schema";
import { isUuid, UserDirectory } from "./user-directory";

export type LoadUserDirectoryParams = {
  workspaceId: string;
  /** Our user ids: automation owners and chosen members. */
  userIds: readonly string[];
  /** CRM references (owner_id / owner_email values): matched as CRM id, user id or email. */
  refs: readonly string[];
};

/**
 * One query per event for everyone its actions may address, limited to the workspace's members:
 * a CRM id or email that belongs to someone outside the workspace resolves to nobody.
 */
export async function loadUserDirectory(db: Db, params: LoadUserDirectoryParams): Promise<UserDirectory> {
  const userIds = [...new Set([...params.userIds, ...params.refs].filter(isUuid))];
  const refs = [...new Set(params.refs)];
  const emails = [...new Set(refs.filter((ref) => ref.includes("@")).map((ref) => ref.toLowerCase()))];
  const matches: SQL[] = [];
  if (userIds.length > 0) matches.push(inArray(workspaceMembers.userId, userIds));
  if (refs.length > 0) matches.push(inArray(workspaceMembers.crmUserId, refs));
  if (emails.length > 0) matches.push(inArray(sql`lower(${profiles.email})`, emails));
  if (matches.length === 0) return new UserDirectory();
  const rows = await db
    .select({
      id: workspaceMembers.userId,
      crmUserId: workspaceMembers.crmUserId,
      email: profiles.email,
      name: profiles.displayName,
    })
    .from(workspaceMembers)
    .innerJoin(profiles, eq(profiles.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, params.workspaceId), or(...matches)));
  return new UserDirectory(rows);
}
