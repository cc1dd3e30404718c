import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/**
 * The last known state of each entity the CRM reported, upserted with every accepted webhook event
 * (app.record_event, drizzle/0019): what time-based triggers sweep and their conditions read.
 */
export const entitySnapshots = pgTable(
  "entity_snapshots",
  {
    workspaceId: uuid("workspace_id").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    data: jsonb("data").notNull(),
    /** The newest occurred_at seen: an older event never overwrites the snapshot. */
    lastOccurredAt: timestamp("last_occurred_at", { withTimezone: true }).notNull(),
    /** The newest occurred_at of any event about it (a deal's also counts activities linked to it). */
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull(),
    /** False once a deal is won or lost, or the entity deleted. */
    open: boolean("open").notNull(),
    /** Set by a delete: later events about it are stale until it is created again. */
    deleted: boolean("deleted").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "entity_snapshots_pkey", columns: [t.workspaceId, t.entityType, t.entityId] }),
    index("entity_snapshots_open_activity_idx").on(t.workspaceId, t.entityType, t.lastActivityAt).where(sql`${t.open}`),
    index("entity_snapshots_updated_idx").on(t.workspaceId, t.updatedAt),
    index("entity_snapshots_deal_close_idx").on(t.workspaceId, sql`left(${t.data}->>'expected_close_date', 10)`).where(sql`${t.entityType} = 'deal' and ${t.open}`),
    index("entity_snapshots_activity_due_idx").on(t.workspaceId, sql`left(${t.data}->>'due_date', 10)`).where(sql`${t.entityType} = 'activity' and ${t.open}`),
  ],
);
