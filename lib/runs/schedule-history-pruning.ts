// Runs pruneHistory in the server process: a while after start, then hourly. The timer is unref'd
// so it never keeps a process alive, and a round never overlaps the previous one.

import { openDb } from "@/db/client";
import { env } from "@/lib/env";
import { pruneHistory } from "./prune-history";

const HOUR_MS = 3_600_000;
const FIRST_ROUND_DELAY_MS = 60_000;
/** Between statements of a round: retention runs beside live webhook traffic and must not crowd it. */
const PAUSE_MS = 20;

const globalForPruning = globalThis as unknown as { crmHistoryPruning?: { stop(): void } };

export function startHistoryPruning(intervalMs = HOUR_MS): { stop(): void } {
  // Dev reloads re-run instrumentation: keep one schedule per process.
  if (globalForPruning.crmHistoryPruning) return globalForPruning.crmHistoryPruning;
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      const { db } = await openDb();
      const { RETENTION_DAYS, RUNS_PER_AUTOMATION } = env();
      const result = await pruneHistory(db, { now: new Date(), retentionDays: RETENTION_DAYS, perAutomationCap: RUNS_PER_AUTOMATION, pauseMs: PAUSE_MS });
      const total = result.expiredRuns + result.cappedRuns + result.events;
      if (total > 0) {
        console.info(
          `history pruning: ${result.expiredRuns} expired runs, ${result.cappedRuns} runs over the per-automation cap, ${result.events} events (${result.chunks.length} chunks)`,
        );
      }
    } catch (error) {
      console.error("history pruning failed", error);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(round, Math.min(FIRST_ROUND_DELAY_MS, intervalMs));
  const every = setInterval(round, intervalMs);
  first.unref();
  every.unref();
  const handle = {
    stop() {
      clearTimeout(first);
      clearInterval(every);
      globalForPruning.crmHistoryPruning = undefined;
    },
  };
  globalForPruning.crmHistoryPruning = handle;
  return handle;
}
