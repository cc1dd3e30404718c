// The run history, one page at a time: newest first, keyset-paginated on (created_at, id), never
// OFFSET, so page 1 and page 1,000 cost the same. Row-level security decides what a user may read;
// the explicit predicates below only help the planner pick the index that serves each filter.

import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, automations, events, outbox, workspaceMembers } from "@/db/schema";
import { withUser, type Tx, type UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { decodeRunCursor, encodeRunCursor } from "./run-cursor";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { skipReason } from "./skip-reason";
import { dayRange, type RunFilters } from "./run-filters";

export const MAX_RUNS_PAGE = 100;

export type ListRunsParams = Omit<RunFilters, "cursor"> & {
  workspaceId: string;
  cursor?: string;
  limit: number;
};

/** A run as the lists show it: no trace, no payload (those are read by the detail page only). */
export type RunListItem = {
  id: string;
  automationId: string;
  /** Null when the automation is no longer visible to the reader (its ownership moved). */
  automationName: string | null;
  automationVersion: number;
  eventType: string;
  entityId: string;
  status: string;
  error: string | null;
  /** The entity's title (or name, or subject) as the event carried it. */
  entityTitle: string | null;
  /** For a skipped run, the first condition not met, in words. */
  reason: string | null;
  /** Where its event came from: `webhook`, `schedule` or `test` (null when the event is not visible). */
  origin: string | null;
  durationMicros: number;
  /** ISO 8601 in UTC with microseconds: exact, so it doubles as the cursor's key. */
  createdAt: string;
};

export type RunPage = { runs: RunListItem[]; nextCursor: string | null };

const r = automationRuns;

const listColumns = {
  id: r.id,
  automationId: r.automationId,
  automationName: automations.name,
  automationVersion: r.automationVersion,
  eventType: r.eventType,
  entityId: r.entityId,
  status: r.status,
  error: r.error,
  entityTitle: sql<string | null>`(select coalesce(e.payload->'entity'->'data'->>'title', e.payload->'entity'->'data'->>'name', e.payload->'entity'->'data'->>'subject') from ${events} e where e.id = ${r.eventId})`,
  origin: sql<string | null>`(select e.origin from ${events} e where e.id = ${r.eventId})`,
  // Only skipped runs need their trace here, for the one-line reason.
  skippedTrace: sql<unknown>`case when ${r.status} = 'skipped' then ${r.trace} -> 'conditions' end`,
  durationMicros: r.durationMicros,
  createdAt: sql<string>`to_char(${r.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

/** The reader's role in the workspace, read once (RLS lets members see the roster). */
export async function readWorkspaceRole(tx: Tx, workspaceId: string, userId: string): Promise<"admin" | "member" | null> {
  const [row] = await tx
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .limit(1);
  return row?.role ?? null;
}

function filtersSql(params: ListRunsParams, ownerId: string | null): SQL[] {
  const where: SQL[] = [eq(r.workspaceId, params.workspaceId)];
  // The policy says the same for members; said here too, it lets an owner index serve the page
  // (a policy's function calls are opaque to the planner).
  if (ownerId) where.push(eq(r.automationOwnerId, ownerId));
  if (params.automationId) where.push(eq(r.automationId, params.automationId));
  if (params.status) where.push(eq(r.status, params.status));
  if (params.eventType) where.push(eq(r.eventType, params.eventType));
  if (params.entityId) where.push(eq(r.entityId, params.entityId));
  // automation_runs_event_automation_key: an event has a handful of runs, so this predicate alone picks the rows.
  if (params.eventId) where.push(eq(r.eventId, params.eventId));
  // outbox_run_unsent_idx answers this per run; alert emails (no action) are not the run's delivery.
  if (params.waiting) {
    where.push(sql`exists (select 1 from ${outbox} o where o.run_id = ${r.id} and o.status in ('pending', 'sending') and o.action_index is not null)`);
  }
  const { from, before } = dayRange(params);
  if (from) where.push(gte(r.createdAt, from));
  if (before) where.push(lt(r.createdAt, before));
  if (params.cursor) {
    const cursor = decodeRunCursor(params.cursor);
    if (!cursor) throw new AppError("invalid_input", "This page link is no longer valid. Start from the newest runs.");
    where.push(sql`(${r.createdAt}, ${r.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);
  }
  return where;
}

/** The page query itself, for a reader of the given role (exported for the benchmark's EXPLAIN). */
export function runsPageQuery(tx: Tx, params: ListRunsParams, reader: { role: "admin" | "member"; userId: string }, limit: number) {
  return tx
    .select(listColumns)
    .from(r)
    .leftJoin(automations, eq(automations.id, r.automationId))
    .where(and(...filtersSql(params, reader.role === "admin" ? null : reader.userId)))
    // "desc nulls last" as the indexes are declared, or the planner would not use them for order.
    .orderBy(sql`${r.createdAt} desc nulls last`, sql`${r.id} desc nulls last`)
    .limit(limit);
}

export async function listRuns(db: Db, claims: UserClaims, params: ListRunsParams): Promise<RunPage> {
  const limit = Math.min(Math.max(Math.trunc(params.limit) || 1, 1), MAX_RUNS_PAGE);
  const catalog = await getFieldCatalog(db, params.workspaceId);
  return withUser(db, claims, async (tx) => {
    const role = await readWorkspaceRole(tx, params.workspaceId, claims.sub);
    if (!role) return { runs: [], nextCursor: null };
    // One row more than the page tells whether there is a next page, without counting.
    const rows = await runsPageQuery(tx, params, { role, userId: claims.sub }, limit + 1);
    const runs = rows.slice(0, limit).map(({ skippedTrace, ...run }) => ({ ...run, reason: skippedTrace ? skipReason({ conditions: skippedTrace }, catalog) : null }));
    const last = runs[runs.length - 1];
    return { runs, nextCursor: rows.length > limit && last ? encodeRunCursor({ createdAt: last.createdAt, id: last.id }) : null };
  });
}
