import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { authUsers } from "./auth";
import { workspaces } from "./workspaces";

export const automations = pgTable(
  "automations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    isActive: boolean("is_active").notNull().default(true),
    trigger: jsonb("trigger").notNull(),
    /** Denormalised from `trigger.type` so active automations load by an index. */
    triggerType: text("trigger_type").notNull(),
    conditions: jsonb("conditions"),
    actions: jsonb("actions").notNull(),
    version: integer("version").notNull().default(1),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    disabledReason: text("disabled_reason"),
    /** When it was last switched on (or its trigger changed); kept by a trigger (drizzle/0019). */
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    /** When it was last switched off (drizzle/0023): for 7 days its trigger still records `missed` runs. */
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /** Time-based triggers: the mark cut-off and the clock of the last completed sweep. */
    sweptUntil: timestamp("swept_until", { withTimezone: true }),
    sweptAt: timestamp("swept_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when deleted: the row stays, switched off, so its runs keep their versions until retention. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("automations_active_by_trigger_idx")
      .on(t.workspaceId, t.triggerType)
      .where(sql`${t.isActive}`),
    index("automations_time_based_idx")
      .on(t.triggerType)
      .where(sql`${t.isActive} and ${t.triggerType} in ('deal.inactive', 'deal.date_relative', 'activity.date_relative', 'schedule')`),
    index("automations_off_by_trigger_idx")
      .on(t.workspaceId, t.triggerType, t.deactivatedAt)
      .where(sql`not ${t.isActive} and ${t.deletedAt} is null`),
    index("automations_workspace_updated_idx").on(t.workspaceId, t.updatedAt),
    index("automations_owner_idx").on(t.ownerId),
    // The target of automation_runs' (automation_id, workspace_id) key: a run's workspace is its automation's.
    unique("automations_id_workspace_key").on(t.id, t.workspaceId),
    check("automations_name_check", sql`length(${t.name}) between 1 and 120`),
    check("automations_version_check", sql`${t.version} >= 1`),
  ],
);

/** Every definition an automation has had (drizzle/0021): immutable, one row per version. */
export const automationVersions = pgTable(
  "automation_versions",
  {
    automationId: uuid("automation_id").notNull(),
    workspaceId: uuid("workspace_id").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    trigger: jsonb("trigger").notNull(),
    conditions: jsonb("conditions"),
    actions: jsonb("actions").notNull(),
    authorId: uuid("author_id").references(() => authUsers.id, { onDelete: "set null" }),
    /** What changed from the previous version, in words. */
    summary: text("summary").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "automation_versions_pkey", columns: [t.automationId, t.version] }),
    foreignKey({ name: "automation_versions_automation_fk", columns: [t.automationId, t.workspaceId], foreignColumns: [automations.id, automations.workspaceId] }).onDelete("cascade"),
  ],
);

/** Templates admins saved from the workspace's automations; every member may use them. */
export const workspaceTemplates = pgTable(
  "workspace_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    definition: jsonb("definition").notNull(),
    createdBy: uuid("created_by").references(() => authUsers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("workspace_templates_name_key").on(t.workspaceId, t.name), check("workspace_templates_name_check", sql`length(${t.name}) between 1 and 120`)],
);
