import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid, check } from "drizzle-orm/pg-core";
import { authUsers } from "./auth";

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Bumped by triggers when an automation changes: the ingest cache's stamp (drizzle/0008). */
  automationsRev: bigint("automations_rev", { mode: "number" }).notNull().default(0),
  /** Bumped by triggers when a member or their profile changes. */
  membersRev: bigint("members_rev", { mode: "number" }).notNull().default(0),
  /** IANA time zone: date-relative and schedule triggers fire at this zone's local times. */
  timeZone: text("time_zone").notNull().default("UTC"),
  /** How numbers are typed and shown in this workspace (lib/workspaces/locales.ts; drizzle/0020). */
  locale: text("locale").notNull().default("en-US"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Public profile of a user (their email as the app shows it), readable by people who share a workspace. */
export const profiles = pgTable("profiles", {
  id: uuid("id")
    .primaryKey()
    .references(() => authUsers.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  displayName: text("display_name"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const workspaceMembers = pgTable(
  "workspace_members",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["admin", "member"] }).notNull().default("member"),
    /** The CRM's own id for this person, so a deal's `owner_id` resolves to a member. */
    crmUserId: text("crm_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "workspace_members_pkey", columns: [t.workspaceId, t.userId] }),
    unique("workspace_members_crm_user_id_key").on(t.workspaceId, t.crmUserId),
    index("workspace_members_user_id_idx").on(t.userId),
    check("workspace_members_role_check", sql`${t.role} in ('admin', 'member')`),
  ],
);

/** People removed from a workspace, with the address they had (drizzle/0027: kept by a trigger). */
export const removedMembers = pgTable(
  "removed_members",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    removedAt: timestamp("removed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "removed_members_pkey", columns: [t.workspaceId, t.userId] })],
);

/** Failed sign-in counters for rate limiting, keyed by email + client address. Service-only. */
export const signInAttempts = pgTable("sign_in_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  /** Per-account delays: no attempt on this key is checked before this moment (drizzle/0015). */
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
  /** Idle counters are pruned with the history. */
  lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }).notNull().defaultNow(),
});
