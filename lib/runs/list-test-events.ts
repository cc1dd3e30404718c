// The events a test run can replay: the workspace's latest events of one entity type that the user
// may read (admins: all; members: the events their own automations ran on).

import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import type { EntityType } from "@/lib/automations/fields";

export const TEST_EVENTS_LIMIT = 20;

export type TestEventOption = {
  id: string;
  type: string;
  entityId: string;
  /** The entity's title, name or subject, for telling events apart; null when it has none. */
  label: string | null;
  receivedAt: string;
};

export async function listTestEvents(db: Db, claims: UserClaims, params: { workspaceId: string; entityType: EntityType }): Promise<TestEventOption[]> {
  const data = sql`${events.payload} -> 'entity' -> 'data'`;
  const rows = await withUser(db, claims, (tx) =>
    tx
      .select({
        id: events.id,
        type: events.type,
        entityId: events.entityId,
        // Three short fields of the payload, not the payload.
        label: sql<string | null>`left(coalesce(${data} ->> 'title', ${data} ->> 'name', ${data} ->> 'subject'), 80)`,
        receivedAt: events.receivedAt,
      })
      .from(events)
      // CRM events only: the scheduler's internal events are not something to replay.
      .where(and(eq(events.workspaceId, params.workspaceId), eq(events.entityType, params.entityType), eq(events.origin, "webhook")))
      .orderBy(desc(events.receivedAt), desc(events.id))
      .limit(TEST_EVENTS_LIMIT),
  );
  return rows.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() }));
}
