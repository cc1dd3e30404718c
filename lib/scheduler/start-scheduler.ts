// The scheduler in a long-running server: every SCHEDULER_INTERVAL_MS each process checks the
// periodic job "scheduler" (lib/jobs/periodic-jobs.ts); the one that claims it sweeps and books the
// next sweep an interval after this one started. After downtime the first sweep catches up what
// was missed, once (sweeps work from where the last one stopped, not minute by minute).

import { openDb, type Db } from "@/db/client";
import { env } from "@/lib/env";
import { claimJob, finishJob, startPeriodicJob } from "@/lib/jobs/periodic-jobs";
import { sweepTimeTriggers, type SweepResult } from "./sweep";

const JOB = "scheduler";
/** A sweep whose process died is taken over after this long. */
const LEASE_MS = 10 * 60_000;

/** One check: sweeps when the job is due and this process claims it; the result, or null when it did not sweep. */
export async function runDueSweep(db: Db, intervalMs: number, now: () => Date = () => new Date()): Promise<SweepResult | null> {
  if (!(await claimJob(db, JOB, Math.max(LEASE_MS, intervalMs * 2)))) return null;
  const started = Date.now();
  const wait = () => Math.max(0, intervalMs - (Date.now() - started) - 1_000);
  try {
    const result = await sweepTimeTriggers(db, { now: now() });
    await finishJob(db, JOB, wait(), { result });
    return result;
  } catch (error) {
    await finishJob(db, JOB, wait(), { error: (error as Error).message }).catch(() => {});
    throw error;
  }
}

export function startScheduler(intervalMs = env().SCHEDULER_INTERVAL_MS): { stop(): void } {
  return startPeriodicJob(JOB, intervalMs, async () => {
    const { db } = await openDb();
    await runDueSweep(db, intervalMs);
  });
}
