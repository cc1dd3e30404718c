// The recent runs of many automations in one query (the API's `runs` field on a list of
// automations): one lateral, index-served page per automation, so a list of 1,000 costs one round
// trip, not 1,000. Row-level security decides which runs the reader sees.

import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import { withUser, type UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { decodeRunCursor, encodeRunCursor } from "./run-cursor";

export type AutomationRunItem = {
  id: string;
  automationId: string;
  automationVersion: number;
  status: string;
  eventType: string;
  entityId: string;
  error: string | null;
  durationMicros: number;
  /** ISO 8601 in UTC with microseconds (the cursor's key). */
  createdAt: string;
  finishedAt: Date | null;
  trace: { triggerMatched: boolean | null; triggerReason: string | null; conditionsPassed: boolean | null; missingVariables: string[] };
};

export type AutomationRunPage = { runs: AutomationRunItem[]; endCursor: string | null; hasNextPage: boolean };

export type ListAutomationRunsParams = {
  workspaceId: string;
  automationIds: readonly string[];
  limit: number;
  /** The cursor of the last run already seen (same for every automation in the batch). */
  after?: string | null;
};

type Row = {
  id: string;
  automation_id: string;
  automation_version: number;
  status: string;
  event_type: string;
  entity_id: string;
  error: string | null;
  duration_micros: number;
  created_at: string;
  finished_at: string | Date | null;
  trigger: { matched?: unknown; reason?: unknown } | null;
  conditions_result: unknown;
  missing: unknown;
};

function toItem(row: Row): AutomationRunItem {
  return {
    id: row.id,
    automationId: row.automation_id,
    automationVersion: Number(row.automation_version),
    status: row.status,
    eventType: row.event_type,
    entityId: row.entity_id,
    error: row.error,
    durationMicros: Number(row.duration_micros),
    createdAt: row.created_at,
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
    trace: {
      triggerMatched: typeof row.trigger?.matched === "boolean" ? row.trigger.matched : null,
      triggerReason: typeof row.trigger?.reason === "string" ? row.trigger.reason : null,
      conditionsPassed: typeof row.conditions_result === "boolean" ? row.conditions_result : null,
      missingVariables: Array.isArray(row.missing) ? row.missing.filter((m): m is string => typeof m === "string") : [],
    },
  };
}

/** A page of runs per automation id (every id gets an entry, empty when none are visible). */
export async function listAutomationRuns(db: Db, claims: UserClaims, params: ListAutomationRunsParams): Promise<Map<string, AutomationRunPage>> {
  const pages = new Map<string, AutomationRunPage>(params.automationIds.map((id) => [id, { runs: [], endCursor: null, hasNextPage: false }]));
  if (params.automationIds.length === 0) return pages;
  let after: SQL = sql``;
  if (params.after) {
    const cursor = decodeRunCursor(params.after);
    if (!cursor) throw new AppError("invalid_input", "This cursor is no longer valid. Start from the newest runs.");
    after = sql`and (r.created_at, r.id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
  }
  // One text parameter for the id list (drizzle would expand a JS array into one parameter per id).
  const ids = params.automationIds.join(",");
  const rows = await withUser(db, claims, (tx) =>
    tx.execute(sql`
      select r.id, r.automation_id, r.automation_version, r.status, r.event_type, r.entity_id, r.error, r.duration_micros,
             to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at, r.finished_at,
             r.trace->'trigger' as trigger, r.trace->'conditions'->'result' as conditions_result, r.trace->'templates'->'missing' as missing
      from unnest(string_to_array(${ids}, ',')::uuid[]) as a(id)
      cross join lateral (
        select * from automation_runs r
        where r.automation_id = a.id and r.workspace_id = ${params.workspaceId}::uuid ${after}
        order by r.created_at desc nulls last, r.id desc nulls last
        limit ${params.limit + 1}
      ) r`),
  );
  for (const row of resultRows<Row>(rows)) pages.get(row.automation_id)?.runs.push(toItem(row));
  for (const page of pages.values()) {
    // Each lateral comes out in its own order in practice; sorting again makes that a guarantee.
    page.runs.sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)));
    page.hasNextPage = page.runs.length > params.limit;
    page.runs = page.runs.slice(0, params.limit);
    const last = page.runs[page.runs.length - 1];
    page.endCursor = last ? encodeRunCursor({ createdAt: last.createdAt, id: last.id }) : null;
  }
  return pages;
}
