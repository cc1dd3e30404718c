import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

// A workspace's own field catalog (drizzle/0024): members read it, admins change it, and every
// change bumps the workspace's automations_rev so the ingest caches reload it.

export const pipelines = pgTable(
  "pipelines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("pipelines_id_workspace_key").on(t.id, t.workspaceId),
    unique("pipelines_name_key").on(t.workspaceId, t.name),
    check("pipelines_name_check", sql`length(${t.name}) between 1 and 100`),
  ],
);

/** `stageKey` is the stage's id as the CRM sends it; unique per workspace (events name no pipeline). */
export const pipelineStages = pgTable(
  "pipeline_stages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull(),
    pipelineId: uuid("pipeline_id").notNull(),
    stageKey: text("stage_key").notNull(),
    label: text("label").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    foreignKey({ name: "pipeline_stages_pipeline_fk", columns: [t.pipelineId, t.workspaceId], foreignColumns: [pipelines.id, pipelines.workspaceId] }).onDelete("cascade"),
    unique("pipeline_stages_key_key").on(t.workspaceId, t.stageKey),
    index("pipeline_stages_pipeline_idx").on(t.pipelineId, t.position),
    check("pipeline_stages_key_check", sql`length(${t.stageKey}) between 1 and 100`),
    check("pipeline_stages_label_check", sql`length(${t.label}) between 1 and 100`),
  ],
);

export const activityTypes = pgTable(
  "activity_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    unique("activity_types_key_key").on(t.workspaceId, t.key),
    check("activity_types_key_check", sql`${t.key} ~ '^[a-z0-9_-]{1,60}$'`),
    check("activity_types_label_check", sql`length(${t.label}) between 1 and 100`),
  ],
);

export const customFields = pgTable(
  "custom_fields",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    entity: text("entity").notNull(),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type").notNull(),
    /** For choice fields: `[{ value, label }]`. */
    options: jsonb("options").notNull().default([]),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("custom_fields_key_key").on(t.workspaceId, t.entity, t.key),
    check("custom_fields_entity_check", sql`${t.entity} in ('deal', 'contact', 'organization', 'activity')`),
    check("custom_fields_type_check", sql`${t.type} in ('text', 'number', 'date', 'boolean', 'choice')`),
    check("custom_fields_key_check", sql`${t.key} ~ '^[A-Za-z0-9_]{1,64}$'`),
    check("custom_fields_label_check", sql`length(${t.label}) between 1 and 100`),
    check("custom_fields_options_check", sql`jsonb_typeof(${t.options}) = 'array'`),
  ],
);
