import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaceMembers } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { memberErrorFromDb } from "./db-errors";
import { MEMBER_NOT_FOUND } from "./update-member";

/** Removes someone from the workspace; the database refuses to remove its last admin. */
export async function removeMember(db: Db, params: { claims: UserClaims; workspaceId: string; userId: string }): Promise<void> {
  let removed: unknown[];
  try {
    removed = await withUser(db, params.claims, (tx) =>
      tx
        .delete(workspaceMembers)
        .where(and(eq(workspaceMembers.workspaceId, params.workspaceId), eq(workspaceMembers.userId, params.userId)))
        .returning({ userId: workspaceMembers.userId }),
    );
  } catch (error) {
    throw memberErrorFromDb(error);
  }
  if (removed.length === 0) throw new AppError("not_found", MEMBER_NOT_FOUND);
}
