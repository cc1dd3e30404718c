import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import { profiles, workspaceInvitations } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import type { MyInvitation, PendingInvitation } from "./types";

/** The workspace's pending invitations, newest first, as its admin sees them (others read none). */
export async function listPendingInvitations(db: Db, params: { claims: UserClaims; workspaceId: string }): Promise<PendingInvitation[]> {
  return withUser(db, params.claims, (tx) =>
    tx
      .select({
        id: workspaceInvitations.id,
        email: workspaceInvitations.email,
        role: workspaceInvitations.role,
        invitedByEmail: profiles.email,
        createdAt: workspaceInvitations.createdAt,
        expiresAt: workspaceInvitations.expiresAt,
      })
      .from(workspaceInvitations)
      .leftJoin(profiles, eq(profiles.id, workspaceInvitations.invitedBy))
      .where(
        and(
          eq(workspaceInvitations.workspaceId, params.workspaceId),
          eq(workspaceInvitations.status, "pending"),
          sql`${workspaceInvitations.expiresAt} > now()`,
          sql`app.is_admin(${workspaceInvitations.workspaceId})`,
        ),
      )
      .orderBy(desc(workspaceInvitations.createdAt)),
  );
}

/** An admin withdraws a pending invitation; false when there was none to withdraw. */
export async function revokeInvitation(db: Db, params: { claims: UserClaims; workspaceId: string; invitationId: string }): Promise<boolean> {
  const rows = await withUser(db, params.claims, (tx) =>
    tx
      .update(workspaceInvitations)
      .set({ status: "revoked", respondedAt: new Date() })
      .where(
        and(
          eq(workspaceInvitations.id, params.invitationId),
          eq(workspaceInvitations.workspaceId, params.workspaceId),
          eq(workspaceInvitations.status, "pending"),
        ),
      )
      .returning({ id: workspaceInvitations.id }),
  );
  return rows.length > 0;
}

/** The signed-in user's pending invitations (matched on the email their session carries). */
export async function listMyInvitations(db: Db, claims: UserClaims): Promise<MyInvitation[]> {
  const rows = await withUser(db, claims, async (tx) =>
    resultRows<{ id: string; workspace_name: string; role: "admin" | "member"; invited_by_email: string | null; created_at: string | Date }>(
      await tx.execute(sql`select id, workspace_name, role, invited_by_email, created_at from app.my_invitations()`),
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    workspaceName: r.workspace_name,
    role: r.role,
    invitedByEmail: r.invited_by_email,
    createdAt: new Date(r.created_at),
  }));
}

/** Accepts or declines one of the user's invitations: the workspace joined or left alone, or null. */
export async function respondToInvitation(
  db: Db,
  params: { claims: UserClaims; invitationId: string; accept: boolean },
): Promise<string | null> {
  const rows = await withUser(db, params.claims, async (tx) =>
    resultRows<{ workspace_id: string | null }>(
      await tx.execute(sql`select app.respond_to_invitation(${params.invitationId}::uuid, ${params.accept}) as workspace_id`),
    ),
  );
  return rows[0]?.workspace_id ?? null;
}
