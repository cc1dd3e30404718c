import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { authUsers } from "./auth";
import { automations } from "./automations";
import { automationRuns } from "./runs";
import { workspaces } from "./workspaces";

/** Follow-ups and other activities created by actions, shown on the assignee's /activities page. */
export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    assigneeId: uuid("assignee_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    activityType: text("activity_type").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    note: text("note"),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    entityTitle: text("entity_title"),
    automationId: uuid("automation_id").references(() => automations.id, { onDelete: "set null" }),
    runId: uuid("run_id").references(() => automationRuns.id, { onDelete: "set null" }),
    actionIndex: integer("action_index"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("activities_run_action_index_key").on(t.runId, t.actionIndex),
    index("activities_assignee_due_idx").on(t.assigneeId, t.dueAt),
  ],
);

/** In-app notifications: the header bell and /notifications. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["action", "alert", "system"] }).notNull().default("action"),
    title: text("title").notNull(),
    body: text("body"),
    link: text("link"),
    automationId: uuid("automation_id").references(() => automations.id, { onDelete: "set null" }),
    runId: uuid("run_id").references(() => automationRuns.id, { onDelete: "set null" }),
    actionIndex: integer("action_index"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("notifications_run_action_user_key").on(t.runId, t.actionIndex, t.userId),
    index("notifications_user_created_idx").on(t.userId, t.createdAt.desc()),
    // The failure-alert caps (app.record_event) count an automation's recent alerts through this.
    index("notifications_automation_alert_idx").on(t.automationId, t.createdAt).where(sql`${t.kind} = 'alert'`),
  ],
);

/** Email and outbound webhook deliveries, written with the run and sent after commit. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    runId: uuid("run_id").references(() => automationRuns.id, { onDelete: "set null" }),
    actionIndex: integer("action_index"),
    kind: text("kind", { enum: ["email", "webhook"] }).notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    unique("outbox_run_action_index_key").on(t.runId, t.actionIndex),
    index("outbox_pending_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check("outbox_kind_check", sql`${t.kind} in ('email', 'webhook')`),
  ],
);
