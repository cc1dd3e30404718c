// Per automation and day (in the workspace's time zone): runs by outcome, finished runs' durations
// as a log-scale histogram, and deliveries that ended. What the rollup holds (closed days, and today
// up to its last round: app.automation_health_days, written by lib/runs/health-rollup.ts) is read
// from it; the rest (runs since that round, any day the job has not reached) is counted live from
// the run indexes. One statement, so the boundary and both halves come from one snapshot.

import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";

/** Histogram buckets per doubling: a median read from it is within one bucket, 2^(1/8) - 1 ≈ 9 %, of the exact one. */
export const BUCKETS_PER_DOUBLING = 8;

/** Runs whose duration counts towards the median: those that ran their actions to an end. */
export const TIMED_STATUSES = ["succeeded", "failed", "stopped"] as const;

/** The histogram bucket of a run's duration in microseconds (SQL over automation_runs `r`). */
export const durationBucketSql = sql.raw(`floor(${BUCKETS_PER_DOUBLING} * ln(greatest(r.duration_micros, 1)::float8) / ln(2))::int`);
export const timedStatusSql = sql.raw(`r.status in (${TIMED_STATUSES.map((s) => `'${s}'`).join(", ")})`);

export type Counts = Record<string, number>;
export type DayCounts = { outcomes: Counts; durations: Counts; deliveries: Counts };

export type HealthDaysParams = {
  workspaceId: string;
  automationIds: string[];
  timeZone: string;
  /** The first day of the window, "YYYY-MM-DD" in the time zone. */
  firstDay: string;
  /** Also read durations and deliveries (the automation page); the list needs outcomes only. */
  detail: boolean;
};

/** automation id → day → counts; days without runs are absent. */
export type HealthDays = Map<string, Map<string, DayCounts>>;

export async function readHealthDays(db: Db, params: HealthDaysParams): Promise<HealthDays> {
  const out: HealthDays = new Map();
  if (params.automationIds.length === 0) return out;
  const { workspaceId: ws, timeZone: zone } = params;
  const ids = sql.join(params.automationIds.map((id) => sql`${id}::uuid`), sql`, `);
  // The rollup counts only while its time zone is the workspace's; else every day is counted live.
  // Rolled up: the days through `through`, and the next one up to `partial` (today so far).
  const bound = sql`(select coalesce(s.through_day, ${params.firstDay}::date - 1) as through, s.partial_until as partial
    from (select 1) one left join app.health_rollup_state s on s.workspace_id = ${ws}::uuid and s.time_zone = ${zone})`;
  const liveFrom = sql`greatest(coalesce(b.partial, (b.through + 1)::timestamp at time zone ${zone}), ${params.firstDay}::date::timestamp at time zone ${zone})`;
  const liveRuns = sql`from automation_runs r, ${bound} b where r.workspace_id = ${ws}::uuid and r.automation_id in (${ids}) and r.created_at >= ${liveFrom}`;
  const liveDay = sql`(r.created_at at time zone ${zone})::date`;
  const parts: SQL[] = [
    sql`select d.automation_id, d.day, d.outcomes, ${params.detail ? sql`d.durations, d.deliveries` : sql`null::jsonb, null::jsonb`}
        from app.automation_health_days d, ${bound} b
        where d.automation_id in (${ids}) and d.day >= ${params.firstDay}::date and (d.day <= b.through or (d.day = b.through + 1 and b.partial is not null))`,
    sql`select automation_id, day, jsonb_object_agg(status, n), null::jsonb, null::jsonb from (
          select r.automation_id, ${liveDay} as day, r.status, count(*)::int as n ${liveRuns} group by 1, 2, 3) x group by 1, 2`,
  ];
  if (params.detail) {
    parts.push(
      sql`select automation_id, day, null::jsonb, jsonb_object_agg(bucket, n), null::jsonb from (
            select r.automation_id, ${liveDay} as day, ${durationBucketSql} as bucket, count(*)::int as n ${liveRuns} and ${timedStatusSql} group by 1, 2, 3) x group by 1, 2`,
      sql`select automation_id, day, null::jsonb, null::jsonb, jsonb_object_agg(outcome, n) from (
            select r.automation_id, (a.started_at at time zone ${zone})::date as day, a.outcome, count(*)::int as n
            from outbox_attempts a join outbox o on o.id = a.outbox_id join automation_runs r on r.id = o.run_id, ${bound} b
            where a.workspace_id = ${ws}::uuid and a.outcome in ('delivered', 'failed') and a.started_at >= ${liveFrom} and r.automation_id in (${ids})
            group by 1, 2, 3) x group by 1, 2`,
    );
  }
  const rows = resultRows<{ automation_id: string; day: string | Date; outcomes: Counts | null; durations: Counts | null; deliveries: Counts | null }>(
    await db.execute(sql`select automation_id, day::text as day, outcomes, durations, deliveries from (${sql.join(parts, sql` union all `)}) u(automation_id, day, outcomes, durations, deliveries)`),
  );
  for (const row of rows) {
    const days = out.get(row.automation_id) ?? new Map<string, DayCounts>();
    out.set(row.automation_id, days);
    const day = String(row.day);
    const entry = days.get(day) ?? { outcomes: {}, durations: {}, deliveries: {} };
    days.set(day, entry);
    addCounts(entry.outcomes, row.outcomes);
    addCounts(entry.durations, row.durations);
    addCounts(entry.deliveries, row.deliveries);
  }
  return out;
}

export function addCounts(into: Counts, from: Counts | null | undefined): void {
  if (!from) return;
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + Number(n);
}

/**
 * The median of a duration histogram in milliseconds, interpolated geometrically inside the bucket
 * that holds the middle run; null when it is empty.
 */
export function histogramMedianMs(histogram: Counts): number | null {
  const buckets = Object.entries(histogram).map(([bucket, n]) => [Number(bucket), n] as const).filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  let before = 0;
  for (const [bucket, n] of buckets) {
    if (before + n >= total / 2) {
      const within = (total / 2 - before) / n;
      return 2 ** ((bucket + within) / BUCKETS_PER_DOUBLING) / 1000;
    }
    before += n;
  }
  return null;
}
