// The failed runs of one event problem (drizzle/0023: automation_runs.problem), for the admin who
// fixed its cause: how many there are, and retrying them all (newest first, at most MAX_PROBLEM_RETRY).
// Once retried, the grouped notification of that cause is marked read for everyone it went to.

import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, notifications } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { unmappedOwnerKey } from "@/lib/actions/event-problems";
import { MAX_BULK_RETRY, retryRuns } from "./retry-run";

export const MAX_PROBLEM_RETRY = 1_000;

export type ProblemRunsParams = { workspaceId: string; crmUserId: string };
export type ProblemRetrySummary = { retried: number; succeeded: number; failed: number };

const failedOf = (params: ProblemRunsParams) =>
  and(eq(automationRuns.workspaceId, params.workspaceId), eq(automationRuns.problem, unmappedOwnerKey(params.crmUserId)), eq(automationRuns.status, "failed"));

/** Failed runs that named this CRM user while nobody had it; counted as the reader may see them. */
export async function countUnmappedOwnerRuns(db: Db, claims: UserClaims, params: ProblemRunsParams): Promise<number> {
  const [row] = await withUser(db, claims, (tx) => tx.select({ n: count() }).from(automationRuns).where(failedOf(params)));
  return row?.n ?? 0;
}

export async function retryUnmappedOwnerRuns(db: Db, claims: UserClaims, params: ProblemRunsParams & { now: Date }): Promise<ProblemRetrySummary> {
  const rows = await withUser(db, claims, (tx) =>
    tx.select({ id: automationRuns.id }).from(automationRuns).where(failedOf(params)).orderBy(desc(automationRuns.createdAt)).limit(MAX_PROBLEM_RETRY),
  );
  const summary: ProblemRetrySummary = { retried: 0, succeeded: 0, failed: 0 };
  for (let i = 0; i < rows.length; i += MAX_BULK_RETRY) {
    const ids = rows.slice(i, i + MAX_BULK_RETRY).map((row) => row.id);
    for (const result of await retryRuns(db, claims, { workspaceId: params.workspaceId, runIds: ids, now: params.now })) {
      summary.retried++;
      if (result.ok && result.status === "succeeded") summary.succeeded++;
      else summary.failed++;
    }
  }
  // The cause is dealt with: its grouped notice is done for every admin who got it.
  await db
    .update(notifications)
    .set({ readAt: params.now })
    .where(and(eq(notifications.workspaceId, params.workspaceId), eq(notifications.groupKey, unmappedOwnerKey(params.crmUserId)), isNull(notifications.readAt)));
  return summary;
}
