import { sql } from "drizzle-orm";
import { bigserial, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { automations } from "./automations";
import { events } from "./webhooks";

export const RUN_STATUSES = ["running", "succeeded", "failed", "skipped", "stopped", "missed"] as const;
export const ACTION_STATUSES = ["pending", "succeeded", "failed", "skipped"] as const;

/** One run per automation whose trigger matched an event. */
export const automationRuns = pgTable(
  "automation_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** With automation_id, a key to the automation (below): the workspace is the automation's, and goes with it. */
    workspaceId: uuid("workspace_id").notNull(),
    automationId: uuid("automation_id").notNull(),
    /** The automation's owner when it ran; row-level security lets members read their own runs by it. */
    automationOwnerId: uuid("automation_owner_id").notNull(),
    automationVersion: integer("automation_version").notNull(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    entityId: text("entity_id").notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    trace: jsonb("trace").notNull(),
    error: text("error"),
    /** Set when the run failed because of the event, not the automation (an owner not mapped to a member): the cause's key. */
    problem: text("problem"),
    retryCount: integer("retry_count").notNull().default(0),
    durationMicros: integer("duration_micros").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    // One run per (automation, event); event first, so the same index finds an event's runs and
    // each run insert maintains one index fewer on the hot path.
    unique("automation_runs_event_automation_key").on(t.eventId, t.automationId),
    // One key checks both columns: each run insert costs the database one lookup rather than two.
    foreignKey({ name: "automation_runs_automation_fk", columns: [t.automationId, t.workspaceId], foreignColumns: [automations.id, automations.workspaceId] }).onDelete("cascade"),
    index("automation_runs_workspace_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index("automation_runs_automation_created_idx").on(t.automationId, t.createdAt.desc(), t.id.desc()),
    // The run history's filter paths (lib/runs/list-runs.ts), each ending in the keyset order so the
    // first page is an index range scan that stops after `limit` rows, whatever the table's size.
    index("automation_runs_workspace_status_created_idx").on(t.workspaceId, t.status, t.createdAt.desc(), t.id.desc()),
    index("automation_runs_automation_status_created_idx").on(t.automationId, t.status, t.createdAt.desc(), t.id.desc()),
    index("automation_runs_workspace_entity_created_idx").on(t.workspaceId, t.entityId, t.createdAt.desc(), t.id.desc()),
    // A member's history: their runs are a fraction of the workspace's, so scanning the workspace
    // index and filtering by owner would read the whole table to fill a page of a rare owner.
    index("automation_runs_owner_created_idx").on(t.workspaceId, t.automationOwnerId, t.createdAt.desc(), t.id.desc()),
    index("automation_runs_owner_status_created_idx").on(t.workspaceId, t.automationOwnerId, t.status, t.createdAt.desc(), t.id.desc()),
    check("automation_runs_status_check", sql`${t.status} in ('running', 'succeeded', 'failed', 'skipped', 'stopped', 'missed')`),
    index("automation_runs_problem_idx").on(t.workspaceId, t.problem).where(sql`${t.problem} is not null and ${t.status} = 'failed'`),
  ],
);

/** One row per action of a run: the record that no path doubles an effect. */
export const runActions = pgTable(
  "run_actions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The run's workspace (for row-level security); the run's key carries it away with the run. */
    workspaceId: uuid("workspace_id").notNull(),
    runId: uuid("run_id")
      .notNull()
      .references(() => automationRuns.id, { onDelete: "cascade" }),
    actionIndex: integer("action_index").notNull(),
    type: text("type").notNull(),
    status: text("status", { enum: ACTION_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(1),
    output: jsonb("output"),
    error: text("error"),
    /**
     * The action's rendered config as planned, kept only while it has not succeeded (failed or
     * skipped), so a retry of a run whose automation has since changed runs what was planned.
     */
    config: jsonb("config"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    unique("run_actions_run_action_index_key").on(t.runId, t.actionIndex),
    check("run_actions_status_check", sql`${t.status} in ('pending', 'succeeded', 'failed', 'skipped')`),
  ],
);

export const RETRY_MODES = ["original", "as_ran", "current"] as const;

/**
 * A run's attempts once it has been retried (drizzle/0027): attempt 1 is the original run, each
 * retry adds one with the automation version it used and the actions it ran.
 */
export const runAttempts = pgTable(
  "run_attempts",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => automationRuns.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id").notNull(),
    attempt: integer("attempt").notNull(),
    automationVersion: integer("automation_version").notNull(),
    mode: text("mode", { enum: RETRY_MODES }).notNull(),
    status: text("status", { enum: ["succeeded", "failed"] }).notNull(),
    error: text("error"),
    /** [{ index, type, status }]: what this attempt ran, or kept from an earlier one ("kept"). */
    actions: jsonb("actions").notNull().default([]),
    retriedBy: uuid("retried_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "run_attempts_pkey", columns: [t.runId, t.attempt] }),
    check("run_attempts_mode_check", sql`${t.mode} in ('original', 'as_ran', 'current')`),
    check("run_attempts_status_check", sql`${t.status} in ('succeeded', 'failed')`),
  ],
);
