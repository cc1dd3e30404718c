// The workspace's inbound delivery log, filtered, newest first (row-level security: admins only).
// Each accepted or duplicate delivery names its event and how many runs that event has, so the
// page can link to the one run, or to the logs filtered to the event.

import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, inboundDeliveries, webhookSources } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { dayRange } from "@/lib/runs/run-filters";
import type { DeliveryFilters, DeliveryOutcome } from "./delivery-filters";

export type ListDeliveriesParams = DeliveryFilters & { claims: UserClaims; workspaceId: string; limit?: number };

export type DeliveryLogItem = {
  id: number;
  sourceId: string;
  sourceName: string;
  outcome: DeliveryOutcome;
  httpStatus: number;
  reason: string | null;
  externalId: string | null;
  eventId: string | null;
  receivedAt: Date;
  /** The event's runs: how many, and the one when there is exactly one. */
  runCount: number;
  onlyRunId: string | null;
};

const d = inboundDeliveries;

function where(params: ListDeliveriesParams): SQL[] {
  const clauses: SQL[] = [eq(d.workspaceId, params.workspaceId)];
  if (params.outcome) clauses.push(eq(d.outcome, params.outcome));
  if (params.sourceId) clauses.push(eq(d.sourceId, params.sourceId));
  if (params.externalId) clauses.push(eq(d.externalId, params.externalId));
  const { from, before } = dayRange(params);
  if (from) clauses.push(gte(d.receivedAt, from));
  if (before) clauses.push(lt(d.receivedAt, before));
  return clauses;
}

export async function listDeliveries(db: Db, params: ListDeliveriesParams): Promise<DeliveryLogItem[]> {
  const limit = Math.min(Math.max(params.limit ?? 50, 1), 200);
  return withUser(db, params.claims, async (tx) => {
    const rows = await tx
      .select({
        id: d.id,
        sourceId: d.sourceId,
        sourceName: webhookSources.name,
        outcome: d.outcome,
        httpStatus: d.httpStatus,
        reason: d.reason,
        externalId: d.externalId,
        eventId: d.eventId,
        receivedAt: d.receivedAt,
      })
      .from(d)
      .innerJoin(webhookSources, eq(webhookSources.id, d.sourceId))
      .where(and(...where(params)))
      .orderBy(sql`${d.receivedAt} desc nulls last`, desc(d.id))
      .limit(limit);
    const eventIds = [...new Set(rows.flatMap((row) => (row.eventId ? [row.eventId] : [])))];
    const runs = new Map<string, { n: number; runId: string }>();
    if (eventIds.length > 0) {
      const counts = await tx
        .select({ eventId: automationRuns.eventId, n: sql<number>`count(*)::int`, runId: sql<string>`min(${automationRuns.id}::text)` })
        .from(automationRuns)
        .where(inArray(automationRuns.eventId, eventIds))
        .groupBy(automationRuns.eventId);
      for (const row of counts) runs.set(row.eventId, { n: row.n, runId: row.runId });
    }
    return rows.map((row) => {
      const found = row.eventId ? runs.get(row.eventId) : undefined;
      return { ...row, runCount: found?.n ?? 0, onlyRunId: found?.n === 1 ? found.runId : null };
    });
  });
}

/** Where a delivery's "runs" link goes: the one run, or the logs filtered to the event. */
export function deliveryRunsHref(item: Pick<DeliveryLogItem, "eventId" | "runCount" | "onlyRunId">): string | null {
  if (!item.eventId || item.runCount === 0) return null;
  return item.onlyRunId ? `/settings/logs/${item.onlyRunId}` : `/settings/logs?event=${item.eventId}`;
}
