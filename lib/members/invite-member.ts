import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { profiles, workspaceInvitations, workspaceMembers } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { PG, pgErrorCode } from "@/lib/auth/pg-error";
import { AppError } from "@/lib/result";
import { invitationEmail } from "./invitation-email";
import type { InviteMemberInput } from "./schemas";

export interface InviteMemberParams extends InviteMemberInput {
  claims: UserClaims;
  workspaceId: string;
  workspaceName: string;
  /** The app's public base URL, for the links in the email. */
  appUrl: string;
}

export type InviteOutcome = "invited" | "already_invited";

export const ALREADY_MEMBER = "That person is already a member of this workspace.";

/**
 * An admin invites an email. Whether the email has an account is never looked up, so the answer
 * cannot reveal it: the invitee sees the invitation after signing in (or up) with that email. Runs
 * as the admin (row-level security decides), and queues the invitation email in the outbox in the
 * same transaction, so an invitation is never stored without its email or the other way round.
 */
export async function inviteMember(db: Db, params: InviteMemberParams): Promise<InviteOutcome> {
  const email = params.email.trim().toLowerCase();
  return withUser(db, params.claims, async (tx) => {
    // Members' profiles are visible to an admin of the workspace; nobody else's are.
    const [member] = await tx
      .select({ id: workspaceMembers.userId })
      .from(workspaceMembers)
      .innerJoin(profiles, eq(profiles.id, workspaceMembers.userId))
      .where(and(eq(workspaceMembers.workspaceId, params.workspaceId), eq(sql`lower(${profiles.email})`, email)))
      .limit(1);
    if (member) throw new AppError("conflict", ALREADY_MEMBER, { email: ALREADY_MEMBER });
    const [invitation] = await tx
      .insert(workspaceInvitations)
      .values({ workspaceId: params.workspaceId, email, role: params.role, invitedBy: params.claims.sub })
      .onConflictDoNothing()
      .returning({ id: workspaceInvitations.id });
    if (!invitation) return "already_invited";
    const text = invitationEmail({
      appUrl: params.appUrl,
      workspaceName: params.workspaceName,
      inviterEmail: params.claims.email ?? "An admin",
      role: params.role,
    });
    await tx.execute(sql`select app.queue_invitation_email(${invitation.id}::uuid, ${text.subject}, ${text.body})`);
    return "invited";
  }).catch((error: unknown) => {
    if (pgErrorCode(error) === PG.insufficientPrivilege) {
      throw new AppError("forbidden", "Only admins of this workspace can invite people.", undefined, { cause: error });
    }
    throw error;
  });
}
