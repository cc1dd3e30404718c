import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authUsers } from "@/db/schema";
import type { UserClaims } from "@/db/with-user";
import { listMemberships } from "@/lib/auth/resolve-session";
import { createApiToken, type CreatedApiToken } from "./create-api-token";

export class TokenCommandError extends Error {}

export type CreateTokenForEmailParams = { email: string; name?: string; workspaceId?: string };

/**
 * The command line's token: for the user with this email, in the given workspace or their oldest
 * membership. The user is found on the service path; the token is written as that user (RLS).
 */
export async function createTokenForEmail(db: Db, params: CreateTokenForEmailParams): Promise<CreatedApiToken> {
  const email = params.email.trim().toLowerCase();
  const [user] = await db.select({ id: authUsers.id, email: authUsers.email }).from(authUsers).where(eq(sql`lower(${authUsers.email})`, email)).limit(1);
  if (!user) throw new TokenCommandError(`no user has the email ${email}`);
  const claims: UserClaims = { sub: user.id, email: user.email ?? email, role: "authenticated" };
  const memberships = await listMemberships(db, claims);
  const workspace = params.workspaceId ? memberships.find((m) => m.workspaceId === params.workspaceId) : memberships[0];
  if (!workspace) {
    throw new TokenCommandError(
      params.workspaceId ? `${email} is not a member of workspace ${params.workspaceId}` : `${email} is not a member of any workspace`,
    );
  }
  const name = params.name?.trim() || "cli";
  if (name.length > 100) throw new TokenCommandError("the name must be at most 100 characters");
  return createApiToken(db, { claims, workspaceId: workspace.workspaceId, name });
}
