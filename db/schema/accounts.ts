import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { authUsers } from "./auth";
import { workspaces } from "./workspaces";

/** A built-in session (the token's `sid`): revocable, with an absolute end. Service-only (drizzle/0015). */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("user_sessions_user_id_idx").on(t.userId), index("user_sessions_expires_at_idx").on(t.expiresAt)],
);

export const INVITATION_STATUSES = ["pending", "accepted", "declined", "revoked"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An admin's invitation of an email to a workspace; the invitee accepts or declines it. */
export const workspaceInvitations = pgTable(
  "workspace_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ["admin", "member"] }).notNull().default("member"),
    invitedBy: uuid("invited_by").references(() => authUsers.id, { onDelete: "set null" }),
    status: text("status", { enum: INVITATION_STATUSES }).notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true })
      .notNull()
      .default(sql`now() + interval '14 days'`),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("workspace_invitations_pending_key").on(t.workspaceId, t.email).where(sql`status = 'pending'`),
    index("workspace_invitations_email_pending_idx").on(t.email).where(sql`status = 'pending'`),
    check("workspace_invitations_role_check", sql`${t.role} in ('admin', 'member')`),
    check("workspace_invitations_status_check", sql`${t.status} in ('pending', 'accepted', 'declined', 'revoked')`),
    check("workspace_invitations_email_check", sql`${t.email} = lower(${t.email}) and length(${t.email}) between 3 and 254`),
  ],
);
