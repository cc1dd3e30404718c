// Periodic jobs shared by every server process: app.periodic_jobs (drizzle/0019) holds, per job,
// when it is next due, the lease of the process running it and its last result. Each process checks
// its jobs on a timer; the one whose update claims a due job runs it and books the next run, so
// several processes run each job once per interval between them, and a restart does not bring a run
// forward. Leases use the database's clock, so processes on several machines agree.

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";

export const JOB_NAMES = ["history_pruning", "scheduler", "health_rollup"] as const;
export type JobName = (typeof JOB_NAMES)[number];

const interval = (ms: number) => sql`${`${Math.round(ms)} milliseconds`}::interval`;

/** Books the job's first run `afterMs` from now unless one is booked already (the migration books both). */
export async function ensureJob(db: Db, name: JobName, afterMs: number): Promise<void> {
  await db.execute(sql`insert into app.periodic_jobs (name, next_run_at) values (${name}, now() + ${interval(afterMs)}) on conflict (name) do nothing`);
}

/** Claims the job when it is due and no live process holds it; true when this caller is to run it. */
export async function claimJob(db: Db, name: JobName, leaseMs: number): Promise<boolean> {
  const claimed = resultRows<{ name: string }>(
    await db.execute(sql`
      update app.periodic_jobs set lease_until = now() + ${interval(leaseMs)}, last_started_at = now()
      where name = ${name} and next_run_at <= now() and (lease_until is null or lease_until < now())
      returning name`),
  );
  return claimed.length > 0;
}

/** Releases the claimed job, records how it went and books the next run `afterMs` from now. */
export async function finishJob(db: Db, name: JobName, afterMs: number, outcome: { result?: unknown; error?: string } = {}): Promise<void> {
  await db.execute(sql`
    update app.periodic_jobs set next_run_at = now() + ${interval(afterMs)}, lease_until = null, last_finished_at = now(),
      last_result = ${outcome.result === undefined ? null : JSON.stringify(outcome.result)}::jsonb, last_error = ${outcome.error ?? null}
    where name = ${name}`);
}

/** When the job is next due (null when it has never been booked). */
export async function nextJobRun(db: Db, name: JobName): Promise<Date | null> {
  const [row] = resultRows<{ next_run_at: string | Date }>(await db.execute(sql`select next_run_at from app.periodic_jobs where name = ${name}`));
  return row ? new Date(row.next_run_at) : null;
}

/**
 * Runs `job` on a timer every `checkMs`, in this process, when it claims it. The timer is unref'd
 * so it never keeps a process alive, and a process never overlaps its own runs. One timer per
 * job per process (dev reloads re-run instrumentation).
 */
export function startPeriodicJob(name: JobName, checkMs: number, check: () => Promise<unknown>): { stop(): void } {
  const registry = globalThis as unknown as { crmPeriodicJobs?: Map<string, { stop(): void }> };
  registry.crmPeriodicJobs ??= new Map();
  const existing = registry.crmPeriodicJobs.get(name);
  if (existing) return existing;
  let checking = false;
  const every = setInterval(async () => {
    if (checking) return;
    checking = true;
    try {
      await check();
    } catch (error) {
      console.error(`${name.replaceAll("_", " ")} failed`, error);
    } finally {
      checking = false;
    }
  }, checkMs);
  every.unref();
  const handle = {
    stop() {
      clearInterval(every);
      registry.crmPeriodicJobs?.delete(name);
    },
  };
  registry.crmPeriodicJobs.set(name, handle);
  return handle;
}
