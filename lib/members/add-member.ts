import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { profiles, workspaceMembers } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { memberErrorFromDb } from "./db-errors";
import type { AddMemberInput } from "./schemas";

export interface AddMemberParams extends AddMemberInput {
  claims: UserClaims;
  workspaceId: string;
}

export const NO_SUCH_ACCOUNT = "No account uses this email. Ask them to sign up first, then add them.";

/**
 * Adds an existing user by email. Finding the account is a service-path read (an admin cannot see
 * profiles outside their workspaces); the insert runs as the admin, so row-level security decides.
 */
export async function addMember(db: Db, params: AddMemberParams): Promise<{ userId: string }> {
  const [account] = await db
    .select({ id: profiles.id })
    .from(profiles)
    .where(eq(sql`lower(${profiles.email})`, params.email.toLowerCase()))
    .orderBy(asc(profiles.createdAt))
    .limit(1);
  if (!account) throw new AppError("not_found", NO_SUCH_ACCOUNT, { email: NO_SUCH_ACCOUNT });
  try {
    await withUser(db, params.claims, (tx) =>
      tx.insert(workspaceMembers).values({
        workspaceId: params.workspaceId,
        userId: account.id,
        role: params.role,
        crmUserId: params.crmUserId,
      }),
    );
  } catch (error) {
    throw memberErrorFromDb(error, params.crmUserId);
  }
  return { userId: account.id };
}
