import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";

export type EventDetail = { id: string; externalId: string; type: string; entityType: string; entityId: string; payload: unknown; occurredAt: Date | null; receivedAt: Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One stored event of the workspace, if row-level security lets the reader open it; else null. */
export async function getEvent(db: Db, claims: UserClaims, params: { workspaceId: string; eventId: string }): Promise<EventDetail | null> {
  if (!UUID.test(params.eventId)) return null;
  const [row] = await withUser(db, claims, (tx) =>
    tx
      .select({ id: events.id, externalId: events.externalId, type: events.type, entityType: events.entityType, entityId: events.entityId, payload: events.payload, occurredAt: events.occurredAt, receivedAt: events.receivedAt, workspaceId: events.workspaceId })
      .from(events)
      .where(eq(events.id, params.eventId))
      .limit(1),
  );
  if (!row || row.workspaceId !== params.workspaceId) return null;
  const { workspaceId: _workspaceId, ...event } = row;
  return event;
}
