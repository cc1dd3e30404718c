import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { profiles, workspaceMembers } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import type { Member } from "./types";

export interface ListMembersParams {
  claims: UserClaims;
  workspaceId: string;
}

/** The workspace's roster with each person's email, admins first, read as the signed-in user. */
export async function listMembers(db: Db, params: ListMembersParams): Promise<Member[]> {
  const rows = await withUser(db, params.claims, (tx) =>
    tx
      .select({
        userId: workspaceMembers.userId,
        email: profiles.email,
        role: workspaceMembers.role,
        crmUserId: workspaceMembers.crmUserId,
        joinedAt: workspaceMembers.createdAt,
      })
      .from(workspaceMembers)
      .leftJoin(profiles, eq(profiles.id, workspaceMembers.userId))
      .where(eq(workspaceMembers.workspaceId, params.workspaceId))
      .orderBy(asc(workspaceMembers.role), asc(profiles.email), asc(workspaceMembers.userId)),
  );
  return rows.map((row) => ({ ...row, email: row.email ?? "(no email)" }));
}
