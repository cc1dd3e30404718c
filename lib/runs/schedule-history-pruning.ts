// Runs pruneHistory on one server process at a time, hourly across restarts, as the periodic job
// "history_pruning" (lib/jobs/periodic-jobs.ts): every process checks it once a minute, and the
// process whose update claims a due round runs it and books the next an interval later.

import { openDb, type Db } from "@/db/client";
import { pruneAuthRecords } from "@/lib/auth/prune-auth-records";
import { env } from "@/lib/env";
import { claimJob, ensureJob, finishJob, startPeriodicJob } from "@/lib/jobs/periodic-jobs";
import { pruneHistory } from "./prune-history";

const JOB = "history_pruning";
const HOUR_MS = 3_600_000;
const CHECK_EVERY_MS = 60_000;
/** A round over a million runs took 22 s (bench/history.ts): a lease this long outlasts every round measured. */
const LEASE_MS = 30 * 60_000;
/** After a failed round, the next try. */
const RETRY_MS = 5 * 60_000;
/** Between statements of a round: retention runs beside live webhook traffic and must not crowd it. */
const PAUSE_MS = 20;

/** Books the first round `afterMs` from now unless one is booked already (the migration books it). */
export async function ensurePruningSchedule(db: Db, afterMs: number): Promise<void> {
  await ensureJob(db, JOB, afterMs);
}

/** Claims the round when it is due and no live process holds it; true when this caller is to run it. */
export async function claimPruningRound(db: Db, leaseMs = LEASE_MS): Promise<boolean> {
  return claimJob(db, JOB, leaseMs);
}

/** Releases the claimed round and books the next one `afterMs` from now. */
export async function bookNextPruningRound(db: Db, afterMs: number, outcome?: { result?: unknown; error?: string }): Promise<void> {
  await finishJob(db, JOB, afterMs, outcome);
}

/** One check: when the round is due and this process claims it, runs it and books the next. True when it ran a round. */
export async function runDuePruningRound(db: Db, intervalMs = HOUR_MS): Promise<boolean> {
  if (!(await claimPruningRound(db))) return false;
  try {
    const { RETENTION_DAYS, RUNS_PER_AUTOMATION } = env();
    const result = await pruneHistory(db, { now: new Date(), retentionDays: RETENTION_DAYS, perAutomationCap: RUNS_PER_AUTOMATION, pauseMs: PAUSE_MS });
    const auth = await pruneAuthRecords(db, new Date());
    if (auth.signInAttempts + auth.sessions > 0) {
      console.info(`history pruning: ${auth.signInAttempts} idle sign-in counters, ${auth.sessions} ended sessions`);
    }
    const total = result.expiredRuns + result.cappedRuns + result.events + result.deliveryLog + result.deliveries + result.mailbox + result.deletedAutomations;
    await bookNextPruningRound(db, intervalMs, { result: { expiredRuns: result.expiredRuns, cappedRuns: result.cappedRuns, events: result.events, deliveryLog: result.deliveryLog } });
    if (total > 0) {
      console.info(
        `history pruning: ${result.expiredRuns} expired runs, ${result.cappedRuns} runs over the per-automation cap, ${result.events} events, ${result.deliveryLog} delivery log lines, ${result.deliveries} sent or failed deliveries, ${result.mailbox} mailbox emails (${result.chunks.length} chunks)`,
      );
    }
  } catch (error) {
    await bookNextPruningRound(db, Math.min(RETRY_MS, intervalMs), { error: (error as Error).message }).catch(() => {});
    throw error;
  }
  return true;
}

export function startHistoryPruning(intervalMs = HOUR_MS): { stop(): void } {
  let ensured = false;
  return startPeriodicJob(JOB, Math.min(CHECK_EVERY_MS, intervalMs), async () => {
    const { db } = await openDb();
    if (!ensured) await ensurePruningSchedule(db, intervalMs);
    ensured = true;
    await runDuePruningRound(db, intervalMs);
  });
}
