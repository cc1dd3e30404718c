// The last state the CRM reported for an entity (entity_snapshots, drizzle/0019): read for an update
// sent without `previous`, so its changes can be judged (lib/engine/known-previous.ts). One read by
// primary key, on the service connection like the rest of the ingest path.

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { entitySnapshots } from "@/db/schema";
import type { KnownState } from "@/lib/engine/known-previous";

export type LastKnownStateParams = { workspaceId: string; entityType: string; entityId: string };

export async function readLastKnownState(db: Db, params: LastKnownStateParams): Promise<KnownState | null> {
  const [row] = await db
    .select({ data: entitySnapshots.data, at: entitySnapshots.lastOccurredAt })
    .from(entitySnapshots)
    .where(
      and(
        eq(entitySnapshots.workspaceId, params.workspaceId),
        eq(entitySnapshots.entityType, params.entityType),
        eq(entitySnapshots.entityId, params.entityId),
      ),
    );
  if (!row || typeof row.data !== "object" || row.data === null || Array.isArray(row.data)) return null;
  return { data: row.data as Record<string, unknown>, at: row.at.toISOString() };
}
