import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { profiles, workspaceMembers } from "@/db/schema";
import { withUser, type Tx, type UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { memberErrorFromDb } from "./db-errors";
import { reassignAutomations, type Reassignment } from "./member-automations";
import { MEMBER_NOT_FOUND } from "./update-member";

export type RemoveMemberParams = { claims: UserClaims; workspaceId: string; userId: string; reassignTo?: Reassignment | null };

async function emailOf(tx: Tx, workspaceId: string, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ email: profiles.email })
    .from(workspaceMembers)
    .innerJoin(profiles, eq(profiles.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .limit(1);
  return row?.email ?? null;
}

/**
 * Removes someone from the workspace and, when asked, first hands the automations that name them
 * to the deal owner or another member (a new version each), all in one transaction. The database
 * refuses to remove the last admin; a successor who is not a member is refused, changing nothing.
 */
export async function removeMember(db: Db, params: RemoveMemberParams): Promise<{ reassigned: number }> {
  const { workspaceId, userId, reassignTo } = params;
  try {
    return await withUser(db, params.claims, async (tx) => {
      const email = await emailOf(tx, workspaceId, userId);
      if (!email) throw new AppError("not_found", MEMBER_NOT_FOUND);
      let reassigned = 0;
      if (reassignTo) {
        const successor = reassignTo.kind === "member" ? await emailOf(tx, workspaceId, reassignTo.userId) : "the deal owner";
        if (!successor) throw new AppError("invalid_input", "Choose a current member to take over their automations.", { reassignTo: "Not a member of this workspace" });
        reassigned = await reassignAutomations(tx, { workspaceId, userId, to: reassignTo, authorId: params.claims.sub, summary: `Reassigned from ${email} (removed from the workspace) to ${successor}` });
      }
      const removed = await tx
        .delete(workspaceMembers)
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
        .returning({ userId: workspaceMembers.userId });
      // Row-level security lets only admins delete: anyone else removes nobody, and changes nothing.
      if (removed.length === 0) throw new AppError("not_found", MEMBER_NOT_FOUND);
      return { reassigned };
    });
  } catch (error) {
    throw memberErrorFromDb(error);
  }
}
