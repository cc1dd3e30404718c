// Runs the health rollup (lib/runs/health-rollup.ts) as the periodic job "health_rollup": every
// process checks it once a minute, and the one whose update claims a due round rolls up what has
// closed and books the next round ten minutes later. A round that overlaps another (an expired
// lease) is safe: each day is written once, under its workspace's state row.

import { openDb, type Db } from "@/db/client";
import { claimJob, ensureJob, finishJob, startPeriodicJob } from "@/lib/jobs/periodic-jobs";
import { rollUpHealth, type HealthRollupResult } from "./health-rollup";

const JOB = "health_rollup";
const INTERVAL_MS = 10 * 60_000;
const CHECK_EVERY_MS = 60_000;
const LEASE_MS = 15 * 60_000;

/** One check: the round's result when this process claimed a due round, else null. */
export async function runDueHealthRollup(db: Db, now: () => Date = () => new Date(), intervalMs = INTERVAL_MS): Promise<HealthRollupResult | null> {
  if (!(await claimJob(db, JOB, LEASE_MS))) return null;
  try {
    const result = await rollUpHealth(db, { now: now() });
    await finishJob(db, JOB, intervalMs, { result });
    return result;
  } catch (error) {
    await finishJob(db, JOB, CHECK_EVERY_MS, { error: (error as Error).message }).catch(() => {});
    throw error;
  }
}

export function startHealthRollup(): { stop(): void } {
  let ensured = false;
  return startPeriodicJob(JOB, CHECK_EVERY_MS, async () => {
    const { db } = await openDb();
    if (!ensured) await ensureJob(db, JOB, 0);
    ensured = true;
    await runDueHealthRollup(db);
  });
}
