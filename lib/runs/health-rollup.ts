// The health rollup: per workspace, each closed day (in its time zone) becomes one row per automation
// that ran or delivered that day (app.automation_health_days), so the health chart reads 30 small
// rows instead of counting every run. Service path, run by the periodic job "health_rollup".
//
// Counted once: a day's rows are written in the transaction that advances the workspace's
// through_day from the day before, under that state row's lock, so two processes rolling up at
// once write each day once and the loser rolls back. A rolled-up day is final: runs pruned later
// (the per-automation cap) or retried later do not change it; the chart shows what happened that
// day. A day is closed SETTLE_MS after its end, past any transaction that began before midnight.
// Today is rolled up too, up to SETTLE_MS ago, and rewritten each round: readers count live only
// the runs since.
// When the workspace's time zone changes, its rows are dropped and the window counted again from the
// runs that are kept; until then readers count the window live (lib/runs/health-days.ts).

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import { durationBucketSql, timedStatusSql } from "./health-days";

/** The chart's window: today and the 29 days before it. */
export const HEALTH_WINDOW_DAYS = 30;
export const SETTLE_MS = 2 * 60_000;

export type HealthRollupParams = { now: Date; settleMs?: number; /** Only this workspace (tests). */ workspaceId?: string };
export type HealthRollupResult = { workspaces: number; days: number; resets: number };

type Due = { id: string; zone: string; rolledZone: string | null; firstDay: string; lastClosed: string };

export async function rollUpHealth(db: Db, params: HealthRollupParams): Promise<HealthRollupResult> {
  const now = params.now.toISOString();
  const settled = new Date(params.now.getTime() - (params.settleMs ?? SETTLE_MS)).toISOString();
  const only = params.workspaceId ? sql`and w.id = ${params.workspaceId}::uuid` : sql``;
  // Workspaces with a day to roll up, a new time zone, no state yet, or runs since today's partial
  // rollup; the dates in their zone.
  const due = resultRows<Due>(
    await db.execute(sql`
      select id, zone, "rolledZone", first_day::text as "firstDay", last_closed::text as "lastClosed" from (
        select w.id, w.time_zone as zone, s.time_zone as "rolledZone", s.through_day as through, s.partial_until,
          (${now}::timestamptz at time zone w.time_zone)::date - ${HEALTH_WINDOW_DAYS}::int as first_day,
          (${settled}::timestamptz at time zone w.time_zone)::date - 1 as last_closed
        from workspaces w left join app.health_rollup_state s on s.workspace_id = w.id
        where true ${only}) x
      where "rolledZone" is distinct from zone or through < last_closed or partial_until is null
        or exists (select 1 from automation_runs r where r.workspace_id = x.id and r.created_at >= x.partial_until and r.created_at < ${settled}::timestamptz)
      order by id`),
  );
  const result: HealthRollupResult = { workspaces: due.length, days: 0, resets: 0 };
  for (const workspace of due) {
    if (workspace.rolledZone !== workspace.zone && (await resetWorkspace(db, workspace))) result.resets += 1;
    result.days += await rollUpWorkspace(db, workspace);
    await rollUpToday(db, workspace, settled);
  }
  return result;
}

/**
 * Drops the workspace's rollup, for writers of past runs (the demo seed backdates its history): until
 * the next round counts the window again, readers count it live.
 */
export async function forgetHealthRollup(db: Db, workspaceId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from app.health_rollup_state where workspace_id = ${workspaceId}::uuid`);
    await tx.execute(sql`delete from app.automation_health_days where workspace_id = ${workspaceId}::uuid`);
  });
}

/**
 * Starts the workspace over in its (new) time zone, the day before the window: its old rows go.
 * False when another process did it first (the upsert's condition fails once the zone is set).
 */
async function resetWorkspace(db: Db, workspace: Due): Promise<boolean> {
  return db.transaction(async (tx) => {
    const reset = resultRows(
      await tx.execute(sql`
        insert into app.health_rollup_state (workspace_id, time_zone, through_day) values (${workspace.id}::uuid, ${workspace.zone}, ${workspace.firstDay}::date - 1)
        on conflict (workspace_id) do update set time_zone = excluded.time_zone, through_day = excluded.through_day, partial_until = null
        where app.health_rollup_state.time_zone is distinct from excluded.time_zone
        returning workspace_id`),
    );
    if (reset.length === 0) return false;
    await tx.execute(sql`delete from app.automation_health_days where workspace_id = ${workspace.id}::uuid`);
    return true;
  });
}

/** Rolls up the workspace's closed days after its through_day, one transaction each; the days written. */
async function rollUpWorkspace(db: Db, workspace: Due): Promise<number> {
  // After downtime longer than the window, start at the window: older days are never shown.
  await db.execute(sql`
    update app.health_rollup_state set through_day = ${workspace.firstDay}::date - 1, partial_until = null
    where workspace_id = ${workspace.id}::uuid and time_zone = ${workspace.zone} and through_day < ${workspace.firstDay}::date - 1`);
  await db.execute(sql`delete from app.automation_health_days where workspace_id = ${workspace.id}::uuid and day < ${workspace.firstDay}::date`);
  let days = 0;
  for (;;) {
    const written = await db.transaction(async (tx) => {
      const [claimed] = resultRows<{ day: string }>(
        await tx.execute(sql`
          update app.health_rollup_state set through_day = through_day + 1, partial_until = null
          where workspace_id = ${workspace.id}::uuid and time_zone = ${workspace.zone} and through_day < ${workspace.lastClosed}::date
          returning through_day::text as day`),
      );
      if (!claimed) return false;
      await tx.execute(rollUpDaySql(workspace.id, workspace.zone, claimed.day));
      return true;
    });
    if (!written) return days;
    days += 1;
  }
}

/**
 * Today so far, up to `until` (SETTLE_MS ago, past any transaction still open): rewritten each round,
 * so readers count live only what came since. Only once every closed day is rolled up, and only
 * forward (a slower process's older cut-off does not replace a newer one).
 */
async function rollUpToday(db: Db, workspace: Due, until: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [claimed] = resultRows<{ day: string }>(
      await tx.execute(sql`
        update app.health_rollup_state set partial_until = ${until}::timestamptz
        where workspace_id = ${workspace.id}::uuid and time_zone = ${workspace.zone}
          and through_day = (${until}::timestamptz at time zone ${workspace.zone})::date - 1
          and (partial_until is null or partial_until < ${until}::timestamptz)
        returning (through_day + 1)::text as day`),
    );
    if (claimed) await tx.execute(rollUpDaySql(workspace.id, workspace.zone, claimed.day, until));
  });
}

/** One day's rows (up to `until` for today): runs by outcome, finished runs' duration histogram, deliveries that ended. */
function rollUpDaySql(workspaceId: string, zone: string, day: string, until?: string) {
  const from = sql`(${day}::date::timestamp at time zone ${zone})`;
  const to = until ? sql`${until}::timestamptz` : sql`((${day}::date + 1)::timestamp at time zone ${zone})`;
  const runs = sql`from automation_runs r where r.workspace_id = ${workspaceId}::uuid and r.created_at >= ${from} and r.created_at < ${to}`;
  return sql`
    with outcomes as (
      select automation_id, jsonb_object_agg(status, n) as counts from (select r.automation_id, r.status, count(*)::int as n ${runs} group by 1, 2) x group by 1
    ), durations as (
      select automation_id, jsonb_object_agg(bucket, n) as counts from (select r.automation_id, ${durationBucketSql} as bucket, count(*)::int as n ${runs} and ${timedStatusSql} group by 1, 2) x group by 1
    ), deliveries as (
      select automation_id, jsonb_object_agg(outcome, n) as counts from (
        select r.automation_id, a.outcome, count(*)::int as n
        from outbox_attempts a join outbox o on o.id = a.outbox_id join automation_runs r on r.id = o.run_id
        where a.workspace_id = ${workspaceId}::uuid and a.outcome in ('delivered', 'failed') and a.started_at >= ${from} and a.started_at < ${to}
        group by 1, 2) x group by 1
    ), ids as (select automation_id from outcomes union select automation_id from deliveries)
    insert into app.automation_health_days (automation_id, workspace_id, day, outcomes, durations, deliveries)
    select ids.automation_id, ${workspaceId}::uuid, ${day}::date, coalesce(o.counts, '{}'), coalesce(d.counts, '{}'), coalesce(v.counts, '{}')
    from ids left join outcomes o using (automation_id) left join durations d using (automation_id) left join deliveries v using (automation_id)
    on conflict (automation_id, day) do update set outcomes = excluded.outcomes, durations = excluded.durations, deliveries = excluded.deliveries`;
}
