import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    /** Repeats of one cause share one unread row (app.notify_grouped): its key and how many it stands for. */
    groupKey: text("group_key"),
    groupCount: integer("group_count").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("notifications_run_action_user_key").on(t.runId, t.actionIndex, t.userId),
    index("notifications_user_created_idx").on(t.userId, t.createdAt.desc()),
    // The failure-alert caps (app.record_event) count an automation's recent alerts through this.
    uniqueIndex("notifications_open_group_key").on(t.workspaceId, t.userId, t.groupKey).where(sql`${t.groupKey} is not null and ${t.readAt} is null`),
    index("notifications_automation_alert_idx").on(t.automationId, t.createdAt).where(sql`${t.kind} = 'alert'`),
  ],
);

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "skipped"] as const;

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
    /** `skipped`: an email kept in the mailbox because no SMTP server is configured. */
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** The Standard Webhooks `webhook-id`: fixed at write time, the same on every attempt and on a resend. */
    messageId: text("message_id").notNull().default(sql`('msg_' || replace(gen_random_uuid()::text, '-', ''))`),
    /** While `sending`: the claim's lease; past it, another sender may claim the row again. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lockedBy: text("locked_by"),
  },
  (t) => [
    unique("outbox_run_action_index_key").on(t.runId, t.actionIndex),
    index("outbox_pending_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("outbox_sending_lease_idx").on(t.lockedUntil).where(sql`${t.status} = 'sending'`),
    index("outbox_run_unsent_idx").on(t.runId).where(sql`${t.status} in ('pending', 'sending')`),
    index("outbox_finished_created_idx").on(t.createdAt).where(sql`${t.status} in ('sent', 'failed', 'skipped')`),
    check("outbox_kind_check", sql`${t.kind} in ('email', 'webhook')`),
  ],
);

/** One try at sending an outbox row: what the run page lists under its action. */
export const outboxAttempts = pgTable(
  "outbox_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    outboxId: bigint("outbox_id", { mode: "number" })
      .notNull()
      .references(() => outbox.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id").notNull(),
    attempt: integer("attempt").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms").notNull(),
    outcome: text("outcome", { enum: ["delivered", "retry", "failed", "kept"] }).notNull(),
    error: text("error"),
    /** The first bytes of the receiver's answer (lib/outbox/limits.ts). */
    responseSnippet: text("response_snippet"),
  },
  (t) => [
    index("outbox_attempts_outbox_idx").on(t.outboxId, t.attempt),
    // Deliveries that ended on a day (the health rollup, drizzle/0028).
    index("outbox_attempts_workspace_final_idx").on(t.workspaceId, t.startedAt).where(sql`${t.outcome} in ('delivered', 'failed')`),
    check("outbox_attempts_outcome_check", sql`${t.outcome} in ('delivered', 'retry', 'failed', 'kept')`),
  ],
);

/** Emails kept rather than sent (no SMTP server configured): the workspace's /settings/mailbox. */
export const mailboxMessages = pgTable(
  "mailbox_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    outboxId: bigint("outbox_id", { mode: "number" }).references(() => outbox.id, { onDelete: "set null" }),
    runId: uuid("run_id"),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("mailbox_messages_outbox_key").on(t.outboxId),
    index("mailbox_messages_workspace_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
  ],
);

/** Each workspace's Standard Webhooks secret for the webhooks its automations send (rotatable by admins). */
export const outboundSecrets = pgTable("outbound_secrets", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  rotatedAt: timestamp("rotated_at", { withTimezone: true }).notNull().defaultNow(),
});
