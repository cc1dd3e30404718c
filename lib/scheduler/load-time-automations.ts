// The sweep's work list: every active time-based automation, across workspaces, through the partial
// index automations_time_based_idx, with its workspace's time zone and its sweep position.

import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations, workspaces } from "@/db/schema";
import { INTERNAL_EVENT_TYPES } from "@/lib/engine/event";
import type { EngineAutomation } from "@/lib/engine/compile-automation";

export type TimeAutomation = EngineAutomation & {
  workspaceId: string;
  triggerType: string;
  timeZone: string;
  /** The workspace's locale: how rendered text writes numbers and dates. */
  locale: string;
  activatedAt: Date;
  sweptUntil: Date | null;
  sweptAt: Date | null;
};

export async function loadTimeAutomations(db: Db, params: { workspaceId?: string } = {}): Promise<TimeAutomation[]> {
  const rows = await db
    .select({
      id: automations.id,
      workspaceId: automations.workspaceId,
      version: automations.version,
      name: automations.name,
      ownerId: automations.ownerId,
      trigger: automations.trigger,
      triggerType: automations.triggerType,
      conditions: automations.conditions,
      actions: automations.actions,
      activatedAt: automations.activatedAt,
      createdAt: automations.createdAt,
      sweptUntil: automations.sweptUntil,
      sweptAt: automations.sweptAt,
      timeZone: workspaces.timeZone,
      locale: workspaces.locale,
    })
    .from(automations)
    .innerJoin(workspaces, eq(workspaces.id, automations.workspaceId))
    .where(
      and(
        // Bare, as in the index predicate, so the planner can use automations_time_based_idx.
        sql`${automations.isActive}`,
        inArray(automations.triggerType, [...INTERNAL_EVENT_TYPES]),
        params.workspaceId ? eq(automations.workspaceId, params.workspaceId) : undefined,
      ),
    )
    .orderBy(automations.id);
  return rows.map((row) => ({ ...row, isActive: true, activatedAt: row.activatedAt ?? row.createdAt }));
}
