// Everyone an event's actions may address, for the webhook hot path: the whole member list of the
// workspace (a sales team: tens to hundreds of people), cached with the stamp it was read under.
// The event's write (app.record_event) recomputes the stamp and refuses to write if members or
// their CRM ids changed since, so a cached directory never assigns work by an outdated mapping.

import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { profiles, removedMembers, workspaceMembers } from "@/db/schema";
import { TtlCache } from "@/lib/webhooks/ttl-cache";
import { UserDirectory } from "./user-directory";

export type WorkspaceDirectory = { users: UserDirectory; stamp: string };

// Stamped like the automations (lib/runs/load-active-automations.ts): the TTL runs from the last use.
const cache = new TtlCache<string, WorkspaceDirectory>(60_000, 5_000, { sliding: true });

export function loadWorkspaceDirectory(db: Db, workspaceId: string): Promise<WorkspaceDirectory> {
  return cache.getOrLoad(workspaceId, () => readWorkspaceDirectory(db, workspaceId));
}

async function readWorkspaceDirectory(db: Db, workspaceId: string): Promise<WorkspaceDirectory> {
  // One statement, so the stamp and the rows come from the same snapshot.
  const rows = await db
    .select({
      stamp: sql<string>`app.members_stamp(${workspaceId}::uuid)`,
      id: workspaceMembers.userId,
      crmUserId: workspaceMembers.crmUserId,
      email: profiles.email,
      name: profiles.displayName,
    })
    .from(sql`(select 1) as one`)
    .leftJoin(workspaceMembers, eq(workspaceMembers.workspaceId, workspaceId))
    .leftJoin(profiles, eq(profiles.id, workspaceMembers.userId));
  const users = rows.flatMap((row) => (row.id && row.email ? [{ id: row.id, crmUserId: row.crmUserId, email: row.email, name: row.name }] : []));
  // Only to name a removed person in an action's error; read on a cache miss, like the members.
  const removed = await db.select({ id: removedMembers.userId, email: removedMembers.email }).from(removedMembers).where(eq(removedMembers.workspaceId, workspaceId));
  return { users: new UserDirectory(users, removed), stamp: rows[0].stamp };
}

export function invalidateWorkspaceDirectory(workspaceId: string): void {
  cache.delete(workspaceId);
}

export function clearDirectoryCache(): void {
  cache.clear();
}
