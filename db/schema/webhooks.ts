import { sql } from "drizzle-orm";
import { bigserial, boolean, check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const webhookSources = pgTable(
  "webhook_sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    format: text("format", { enum: ["native", "supabase", "pipedrive"] }).notNull().default("native"),
    /**
     * `whsec_…`; native sources verify Standard Webhooks signatures, supabase ones a bearer token;
     * for pipedrive, the HTTP Basic password (with `basicUsername`).
     */
    secret: text("secret").notNull(),
    /** Pipedrive sources: the HTTP Basic user name (stable; rotation replaces the password). */
    basicUsername: text("basic_username"),
    /** Format-specific settings, validated by the app (a Supabase source's table and column mapping). */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    /** The secret before the last rotation, still accepted until `previousSecretExpiresAt`. */
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    /** Secrets retired before the previous one, each valid until its own `expiresAt` (drizzle/0025). */
    olderSecrets: jsonb("older_secrets").$type<{ secret: string; expiresAt: string }[]>().notNull().default(sql`'[]'::jsonb`),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_sources_workspace_idx").on(t.workspaceId),
    // The target of events' and delivery log entries' (source_id, workspace_id) keys.
    unique("webhook_sources_id_workspace_key").on(t.id, t.workspaceId),
    check("webhook_sources_format_check", sql`${t.format} in ('native', 'supabase', 'pipedrive')`),
    check("webhook_sources_basic_username_check", sql`${t.format} <> 'pipedrive' OR ${t.basicUsername} IS NOT NULL`),
    check("webhook_sources_older_secrets_check", sql`jsonb_typeof(${t.olderSecrets}) = 'array'`),
  ],
);

export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** With source_id, a key to the source (below): the workspace is the source's, and goes with it. */
    workspaceId: uuid("workspace_id").notNull(),
    /** Null for internal events (origin other than `webhook`): they come from no source. */
    sourceId: uuid("source_id"),
    /** The sender's `webhook-id`; for an internal event, its idempotency key (automation, entity, period). */
    externalId: text("external_id").notNull(),
    /** `webhook`, or an internal origin: `schedule` (time-based triggers), later `test` and `replay`. */
    origin: text("origin", { enum: ["webhook", "schedule", "test", "replay"] }).notNull().default("webhook"),
    type: text("type").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    payload: jsonb("payload").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    status: text("status", { enum: ["processed", "failed"] }).notNull().default("processed"),
  },
  (t) => [
    unique("events_source_external_id_key").on(t.sourceId, t.externalId),
    uniqueIndex("events_internal_key").on(t.workspaceId, t.externalId).where(sql`${t.sourceId} is null`),
    check("events_origin_check", sql`${t.origin} in ('webhook', 'schedule', 'test', 'replay')`),
    check("events_webhook_source_check", sql`${t.origin} <> 'webhook' or ${t.sourceId} is not null`),
    foreignKey({ name: "events_source_fk", columns: [t.sourceId, t.workspaceId], foreignColumns: [webhookSources.id, webhookSources.workspaceId] }).onDelete("cascade"),
    index("events_workspace_received_idx").on(t.workspaceId, t.receivedAt),
    index("events_workspace_entity_idx").on(t.workspaceId, t.entityId),
  ],
);

/** Every delivery attempt at the inbound route, accepted or not. */
export const inboundDeliveries = pgTable(
  "inbound_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** With source_id, a key to the source (below): the workspace is the source's, and goes with it. */
    workspaceId: uuid("workspace_id").notNull(),
    sourceId: uuid("source_id").notNull(),
    externalId: text("external_id"),
    outcome: text("outcome", { enum: ["accepted", "duplicate", "rejected"] }).notNull(),
    httpStatus: integer("http_status").notNull(),
    reason: text("reason"),
    /** The first bytes of the body, for troubleshooting; never headers or secrets. */
    snippet: text("snippet"),
    eventId: uuid("event_id").references(() => events.id, { onDelete: "set null" }),
    details: jsonb("details"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "inbound_deliveries_source_fk", columns: [t.sourceId, t.workspaceId], foreignColumns: [webhookSources.id, webhookSources.workspaceId] }).onDelete("cascade"),
    index("inbound_deliveries_source_received_idx").on(t.sourceId, t.receivedAt),
    // The workspace's delivery log on /settings/webhooks, newest first, whatever the filters.
    index("inbound_deliveries_workspace_received_idx").on(t.workspaceId, t.receivedAt.desc(), t.id.desc()),
    // Serves the `on delete set null` of event_id: without it, pruning an event scans this table.
    index("inbound_deliveries_event_idx").on(t.eventId),
  ],
);
