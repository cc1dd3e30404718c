// Step 7: the active automations an event can trigger, by (workspace_id, trigger_type) through the
// partial index automations_active_by_trigger_idx: automations of other trigger types are never
// read. Automations switched off in the last MISSED_WINDOW_DAYS come too, flagged (isActive false,
// offSince), through automations_off_by_trigger_idx: the engine checks only their trigger and
// records a `missed` run. Cached per (workspace, event type) with the stamp they were read under (app.automations_stamp:
// the workspace's automations revision, bumped by a trigger on every change that matters to
// planning); the event's write reads it again and writes nothing if it moved, so the cache may be
// long-lived without ever running a stale list.

import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { triggerTypesForEvent } from "@/lib/automations/triggers";
import type { EngineAutomation } from "@/lib/engine/compile-automation";
import { MISSED_WINDOW_DAYS } from "@/lib/engine/plan";
import { TtlCache } from "@/lib/webhooks/ttl-cache";

export type ActiveAutomations = {
  automations: EngineAutomation[];
  /** The stamp the list was read under; null when no trigger can fire on the event type. */
  stamp: string | null;
  triggerTypes: readonly string[];
};

/**
 * Staleness is caught by the stamp, so the TTL only retires idle entries: it runs from the last use
 * (sliding). A busy entry read again every minute cost a ~55 ms query and a fresh compiled index in
 * the middle of the traffic, which showed as a burst of slow deliveries in the benchmark.
 */
const AUTOMATION_CACHE_MS = 60_000;
const cache = new TtlCache<string, ActiveAutomations>(AUTOMATION_CACHE_MS, 5_000, { sliding: true });

function cacheKey(workspaceId: string, eventType: string): string {
  return `${workspaceId}|${eventType}`;
}

export function loadActiveAutomations(db: Db, workspaceId: string, eventType: string): Promise<ActiveAutomations> {
  return cache.getOrLoad(cacheKey(workspaceId, eventType), () => readActiveAutomations(db, workspaceId, eventType));
}

async function readActiveAutomations(db: Db, workspaceId: string, eventType: string): Promise<ActiveAutomations> {
  const triggerTypes = triggerTypesForEvent(eventType);
  if (triggerTypes.length === 0) return { automations: [], stamp: null, triggerTypes };
  // One statement, so the stamp and the rows come from the same snapshot.
  const rows = await db
    .select({
      stamp: sql<string>`app.automations_stamp(${workspaceId}::uuid, ${JSON.stringify(triggerTypes)}::jsonb)`,
      id: automations.id,
      version: automations.version,
      name: automations.name,
      ownerId: automations.ownerId,
      trigger: automations.trigger,
      conditions: automations.conditions,
      actions: automations.actions,
      isActive: automations.isActive,
      deactivatedAt: automations.deactivatedAt,
    })
    .from(sql`(select 1) as one`)
    .leftJoin(
      automations,
      // `is_active` bare (not `= $param`), so the planner can prove the partial index's predicate.
      and(
        eq(automations.workspaceId, workspaceId),
        inArray(automations.triggerType, triggerTypes),
        sql`(${automations.isActive} or (not ${automations.isActive} and ${automations.deletedAt} is null and ${automations.deactivatedAt} > now() - make_interval(days => ${MISSED_WINDOW_DAYS})))`,
      ),
    );
  const list: EngineAutomation[] = [];
  for (const row of rows) {
    if (row.id === null) continue;
    list.push({
      id: row.id,
      version: row.version!,
      name: row.name!,
      ownerId: row.ownerId!,
      trigger: row.trigger,
      conditions: row.conditions,
      actions: row.actions,
      isActive: row.isActive!,
      offSince: row.isActive ? null : (row.deactivatedAt?.toISOString() ?? null),
    });
  }
  // The engine indexes a list once (WeakMap by array): the cached array keeps that index warm.
  return { automations: list, stamp: rows[0]?.stamp ?? null, triggerTypes };
}

export function invalidateActiveAutomations(workspaceId: string, eventType: string): void {
  cache.delete(cacheKey(workspaceId, eventType));
}

export function clearAutomationCache(): void {
  cache.clear();
}
