import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaceMembers } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { memberErrorFromDb } from "./db-errors";
import type { Member } from "./types";

interface MemberRef {
  claims: UserClaims;
  workspaceId: string;
  userId: string;
}

export const MEMBER_NOT_FOUND = "That person is no longer a member of this workspace.";

async function updateMember(db: Db, ref: MemberRef, set: Partial<Pick<Member, "role" | "crmUserId">>): Promise<void> {
  let updated: unknown[];
  try {
    updated = await withUser(db, ref.claims, (tx) =>
      tx
        .update(workspaceMembers)
        .set(set)
        .where(and(eq(workspaceMembers.workspaceId, ref.workspaceId), eq(workspaceMembers.userId, ref.userId)))
        .returning({ userId: workspaceMembers.userId }),
    );
  } catch (error) {
    throw memberErrorFromDb(error, set.crmUserId);
  }
  // Row-level security hides rows a non-admin may not change: zero rows, not an error.
  if (updated.length === 0) throw new AppError("not_found", MEMBER_NOT_FOUND);
}

/** Changes a member's role; the database refuses to demote the workspace's last admin. */
export async function changeMemberRole(db: Db, params: MemberRef & { role: Member["role"] }): Promise<void> {
  await updateMember(db, params, { role: params.role });
}

export async function changeMemberCrmUserId(db: Db, params: MemberRef & { crmUserId: string | null }): Promise<void> {
  await updateMember(db, params, { crmUserId: params.crmUserId });
}
