// Runs pruneHistory on one server process at a time, hourly across restarts. app.history_pruning
// (drizzle/0012) holds when the next round is due and a lease on the round in progress: every
// process checks it once a minute with one update by key, and the process whose update claims a due
// round runs it and books the next an interval later. Several processes therefore run one round an
// hour between them, not one each, and a restart does not bring a round forward. The timer is
// unref'd so it never keeps a process alive, and a process never overlaps its own rounds.

import { sql } from "drizzle-orm";
import { openDb, type Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import { env } from "@/lib/env";
import { pruneHistory } from "./prune-history";

const HOUR_MS = 3_600_000;
const CHECK_EVERY_MS = 60_000;
/** A round over a million runs took 22 s (bench/history.ts): a lease this long outlasts every round measured. */
const LEASE_MS = 30 * 60_000;
/** After a failed round, the next try. */
const RETRY_MS = 5 * 60_000;
/** Between statements of a round: retention runs beside live webhook traffic and must not crowd it. */
const PAUSE_MS = 20;

const interval = (ms: number) => sql`${`${Math.round(ms)} milliseconds`}::interval`;

/** Books the first round `afterMs` from now unless one is booked already (the migration books it). */
export async function ensurePruningSchedule(db: Db, afterMs: number): Promise<void> {
  await db.execute(sql`insert into app.history_pruning (next_round_at) values (now() + ${interval(afterMs)}) on conflict (id) do nothing`);
}

/** Claims the round when it is due and no live process holds it; true when this caller is to run it. */
export async function claimPruningRound(db: Db, leaseMs = LEASE_MS): Promise<boolean> {
  const claimed = resultRows<{ id: boolean }>(
    await db.execute(sql`
      update app.history_pruning set lease_until = now() + ${interval(leaseMs)}
      where id and next_round_at <= now() and (lease_until is null or lease_until < now())
      returning id`),
  );
  return claimed.length > 0;
}

/** Releases the claimed round and books the next one `afterMs` from now. */
export async function bookNextPruningRound(db: Db, afterMs: number): Promise<void> {
  await db.execute(sql`update app.history_pruning set next_round_at = now() + ${interval(afterMs)}, lease_until = null where id`);
}

/** One check: when the round is due and this process claims it, runs it and books the next. True when it ran a round. */
export async function runDuePruningRound(db: Db, intervalMs = HOUR_MS): Promise<boolean> {
  if (!(await claimPruningRound(db))) return false;
  try {
    const { RETENTION_DAYS, RUNS_PER_AUTOMATION } = env();
    const result = await pruneHistory(db, { now: new Date(), retentionDays: RETENTION_DAYS, perAutomationCap: RUNS_PER_AUTOMATION, pauseMs: PAUSE_MS });
    await bookNextPruningRound(db, intervalMs);
    const total = result.expiredRuns + result.cappedRuns + result.events + result.deliveries;
    if (total > 0) {
      console.info(
        `history pruning: ${result.expiredRuns} expired runs, ${result.cappedRuns} runs over the per-automation cap, ${result.events} events, ${result.deliveries} delivery log lines (${result.chunks.length} chunks)`,
      );
    }
  } catch (error) {
    await bookNextPruningRound(db, Math.min(RETRY_MS, intervalMs)).catch(() => {});
    throw error;
  }
  return true;
}

const globalForPruning = globalThis as unknown as { crmHistoryPruning?: { stop(): void } };

export function startHistoryPruning(intervalMs = HOUR_MS): { stop(): void } {
  // Dev reloads re-run instrumentation: keep one schedule per process.
  if (globalForPruning.crmHistoryPruning) return globalForPruning.crmHistoryPruning;
  let checking = false;
  let ensured = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      const { db } = await openDb();
      if (!ensured) await ensurePruningSchedule(db, intervalMs);
      ensured = true;
      await runDuePruningRound(db, intervalMs);
    } catch (error) {
      console.error("history pruning failed", error);
    } finally {
      checking = false;
    }
  };
  const every = setInterval(check, Math.min(CHECK_EVERY_MS, intervalMs));
  every.unref();
  const handle = {
    stop() {
      clearInterval(every);
      globalForPruning.crmHistoryPruning = undefined;
    },
  };
  globalForPruning.crmHistoryPruning = handle;
  return handle;
}
