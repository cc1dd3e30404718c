import { eq, sql } from "drizzle-orm";
import { resultRows } from "./rows";
import { userSessions, workspaceInvitations } from "./schema";
import { DENIED, NONE, ONE, visibility, write, type RlsCase } from "./rls-cases";
import type { Tx } from "./with-user";

/** app.respond_to_invitation as the actor: one row when it answered an invitation, none when it refused. */
async function respond(tx: Tx, invitationId: string, accept: boolean): Promise<unknown[]> {
  const rows = resultRows<{ ws: string | null }>(await tx.execute(sql`select app.respond_to_invitation(${invitationId}::uuid, ${accept}) as ws`));
  return rows.filter((r) => r.ws !== null);
}

export const invitationCases: RlsCase[] = [
  // workspace_invitations: the workspace's admins and the invitee (by the email in their token).
  ...visibility("workspace_invitations", (tx) => tx.select({ id: workspaceInvitations.id }).from(workspaceInvitations), {
    memberA: ["invOther"],
    memberB: [],
    admin: ["invTeam"],
    outsider: ["invTeam", "invOther"],
    anon: "denied",
  }),
  write("workspace_invitations", "admin", "invites someone to their workspace", ONE, (tx, w) =>
    tx
      .insert(workspaceInvitations)
      .values({ workspaceId: w.workspace.id, email: "new@example.test", invitedBy: w.users.admin.id })
      .returning({ id: workspaceInvitations.id }),
  ),
  write("workspace_invitations", "memberA", "cannot invite anyone", DENIED, (tx, w) =>
    tx
      .insert(workspaceInvitations)
      .values({ workspaceId: w.workspace.id, email: "friend@example.test", invitedBy: w.users.memberA.id })
      .returning({ id: workspaceInvitations.id }),
  ),
  write("workspace_invitations", "admin", "cannot invite to a workspace they are not in", DENIED, (tx, w) =>
    tx
      .insert(workspaceInvitations)
      .values({ workspaceId: w.other.id, email: "x@example.test", invitedBy: w.users.admin.id })
      .returning({ id: workspaceInvitations.id }),
  ),
  write("workspace_invitations", "admin", "cannot invite in someone else's name", DENIED, (tx, w) =>
    tx
      .insert(workspaceInvitations)
      .values({ workspaceId: w.workspace.id, email: "y@example.test", invitedBy: w.users.memberA.id })
      .returning({ id: workspaceInvitations.id }),
  ),
  write("workspace_invitations", "admin", "revokes an invitation of their workspace", ONE, (tx, w) =>
    tx
      .update(workspaceInvitations)
      .set({ status: "revoked" })
      .where(eq(workspaceInvitations.id, w.ids.invTeam))
      .returning({ id: workspaceInvitations.id }),
  ),
  write("workspace_invitations", "outsider", "cannot mark their invitation accepted by hand", NONE, (tx, w) =>
    tx
      .update(workspaceInvitations)
      .set({ status: "accepted" })
      .where(eq(workspaceInvitations.id, w.ids.invTeam))
      .returning({ id: workspaceInvitations.id }),
  ),
  write("workspace_invitations", "memberA", "cannot revoke an invitation of their workspace", NONE, (tx, w) =>
    tx
      .update(workspaceInvitations)
      .set({ status: "revoked" })
      .where(eq(workspaceInvitations.id, w.ids.invTeam))
      .returning({ id: workspaceInvitations.id }),
  ),
  write("workspace_invitations", "admin", "cannot delete an invitation", DENIED, (tx, w) =>
    tx.delete(workspaceInvitations).where(eq(workspaceInvitations.id, w.ids.invTeam)).returning({ id: workspaceInvitations.id }),
  ),
  write("workspace_invitations", "outsider", "accepts the invitation addressed to them", ONE, (tx, w) => respond(tx, w.ids.invTeam, true)),
  write("workspace_invitations", "memberB", "cannot accept an invitation addressed to someone else", NONE, (tx, w) =>
    respond(tx, w.ids.invTeam, true),
  ),
  write("workspace_invitations", "anon", "cannot invite", DENIED, (tx, w) =>
    tx
      .insert(workspaceInvitations)
      .values({ workspaceId: w.workspace.id, email: "anon@example.test" })
      .returning({ id: workspaceInvitations.id }),
  ),

  // user_sessions: the service path's alone, like the sign-in counters.
  ...visibility("user_sessions", (tx) => tx.select({ id: userSessions.id }).from(userSessions), {
    memberA: "denied",
    memberB: "denied",
    admin: "denied",
    outsider: "denied",
    anon: "denied",
  }),
  write("user_sessions", "memberA", "cannot un-revoke a session", DENIED, (tx) =>
    tx.update(userSessions).set({ revokedAt: null }).returning({ id: userSessions.id }),
  ),
  write("user_sessions", "admin", "cannot create a session", DENIED, (tx, w) =>
    tx.insert(userSessions).values({ userId: w.users.admin.id, expiresAt: new Date() }).returning({ id: userSessions.id }),
  ),
  write("user_sessions", "anon", "cannot delete a session", DENIED, (tx) => tx.delete(userSessions).returning({ id: userSessions.id })),
];
