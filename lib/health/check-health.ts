// What /api/health reports: whether a check query answers within HEALTH_TIMEOUT_MS, its round
// trip, and the event writes waiting (a database that answers `select 1` but has stopped taking
// writes is not healthy either). Load balancers and orchestrators act on it.
import { sql } from "drizzle-orm";
import type { DbDriver, DbHandle } from "@/db/client";
import { REQUEST_DEADLINE_MS, withDeadline } from "@/db/deadline";
import { describeDbError } from "@/db/faults";
import { writeQueueState } from "@/lib/runs/write-batcher";

export const HEALTH_TIMEOUT_MS = 1_500;

export type HealthReport = {
  status: "ok" | "unavailable";
  database: DbDriver;
  db_rtt_ms: number | null;
  write_queue: number;
  oldest_wait_ms: number;
  reason?: string;
};

/** Never throws; answers within HEALTH_TIMEOUT_MS (plus the open, when the database is not open yet). */
export async function checkHealth(open: () => Promise<DbHandle>, driver: DbDriver): Promise<HealthReport> {
  const started = performance.now();
  let report: HealthReport = { status: "ok", database: driver, db_rtt_ms: null, write_queue: 0, oldest_wait_ms: 0 };
  try {
    const { db } = await withDeadline("opening the database", HEALTH_TIMEOUT_MS, open());
    const queue = writeQueueState(db);
    report = { ...report, write_queue: queue.waiting, oldest_wait_ms: queue.oldestWaitMs };
    await withDeadline("health check", Math.max(1, HEALTH_TIMEOUT_MS - (performance.now() - started)), db.execute(sql`select 1`));
    report.db_rtt_ms = Math.round(performance.now() - started);
    if (queue.oldestWaitMs > REQUEST_DEADLINE_MS) {
      return { ...report, status: "unavailable", reason: `an event write has waited ${queue.oldestWaitMs} ms, longer than the ${REQUEST_DEADLINE_MS} ms deadline` };
    }
    return report;
  } catch (error) {
    return { ...report, status: "unavailable", reason: describeDbError(error) };
  }
}
