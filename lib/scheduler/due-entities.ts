// Which entities a time-based automation is due for now: indexed range queries over
// entity_snapshots, never a scan. Each sweep takes the marks between where the last one stopped
// (swept_until) and now, plus snapshots changed since the last sweep (an event delivered late, or a
// new entity first seen already past its mark); marks before the automation was switched on count
// only with catchUp. The idempotency key of each (automation, entity, period) is built here, in
// SQL, and entities whose key is already claimed by an event are left out.

import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import type { Trigger } from "@/lib/automations/triggers";
import { dateRelativeDueAt, fieldDate, inactiveMark, latestDueFieldDate } from "./time-math";
import type { TimeAutomation } from "./load-time-automations";

/** A change committed this long after its received_at is still seen by the next sweep. */
export const LATE_COMMIT_MARGIN_MS = 5 * 60_000;
/** Entities one automation fires for in one sweep at most; the rest wait for the next sweep. */
export const MAX_DUE_PER_SWEEP = 10_000;

export type DueEntity = { entityId: string; data: Record<string, unknown>; key: string; period: string; reason: string; dueAt: Date };
/** The due entities, and where the sweep has got to once they are recorded (null: stay put). */
export type DueList = { due: DueEntity[]; sweptUntil: Date | null };

type Row = { entity_id: string; data: unknown; period: string; key: string };

const iso = (date: Date) => date.toISOString();
const maxDate = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

function parseData(data: unknown): Record<string, unknown> {
  return (typeof data === "string" ? JSON.parse(data) : data) as Record<string, unknown>;
}

/**
 * Runs one range query and one "changed since the last sweep" query (a UNION, so each side uses
 * its own index), skipping entities whose key an event has claimed.
 */
async function selectDue(db: Db, automation: TimeAutomation, parts: { entityType: string; value: SQL; period: SQL; upper: SQL; lower: SQL | null; floor: SQL | null }) {
  const key = sql`${`${automation.triggerType}:${automation.id}:`} || s.entity_id || ':' || ${parts.period}`;
  const base = sql`select s.entity_id, s.data, ${parts.period} as period, ${key} as key from public.entity_snapshots s
    where s.workspace_id = ${automation.workspaceId}::uuid and s.entity_type = ${sql.raw(`'${parts.entityType}'`)} and s.open and ${parts.value} <= ${parts.upper}`;
  const range = parts.lower ? sql`${base} and ${parts.value} > ${parts.lower}` : base;
  const changed =
    parts.lower && automation.sweptAt
      ? sql` union select * from (${base} and s.updated_at > ${iso(new Date(automation.sweptAt.getTime() - LATE_COMMIT_MARGIN_MS))}::timestamptz
          ${parts.floor ? sql`and ${parts.value} > ${parts.floor}` : sql``}) changed`
      : sql``;
  const rows = resultRows<Row>(
    await db.execute(sql`select d.entity_id, d.data, d.period, d.key from (${range}${changed}) d
      where not exists (select 1 from public.events e where e.workspace_id = ${automation.workspaceId}::uuid and e.source_id is null and e.external_id = d.key)
      limit ${MAX_DUE_PER_SWEEP}`),
  );
  return rows;
}

function finish(rows: Row[], upper: Date, describe: (row: Row) => { reason: string; dueAt: Date }): DueList {
  return {
    due: rows.map((row) => ({ entityId: row.entity_id, data: parseData(row.data), key: row.key, period: row.period, ...describe(row) })),
    // A full page means more are due: stay put, and the next sweep continues (claimed keys are skipped).
    sweptUntil: rows.length >= MAX_DUE_PER_SWEEP ? null : upper,
  };
}

/** deal.inactive: open deals whose last activity is at least `days` days before now; the period is that last activity. */
export async function dueInactiveDeals(db: Db, automation: TimeAutomation, config: Extract<Trigger, { type: "deal.inactive" }>, now: Date): Promise<DueList> {
  const period = inactiveMark(new Date(0), config.days).getTime();
  const cutoff = new Date(now.getTime() - period);
  // Without catchUp, only marks after the switch-on: last activity after (switched on − days).
  const floor = config.catchUp ? null : new Date(automation.activatedAt.getTime() - period);
  const lower = maxDate(automation.sweptUntil, floor);
  const rows = await selectDue(db, automation, {
    entityType: "deal",
    value: sql`s.last_activity_at`,
    period: sql`((extract(epoch from s.last_activity_at) * 1000)::bigint)::text`,
    upper: sql`${iso(cutoff)}::timestamptz`,
    lower: lower ? sql`${iso(lower)}::timestamptz` : null,
    floor: floor ? sql`${iso(floor)}::timestamptz` : null,
  });
  const days = `${config.days} ${config.days === 1 ? "day" : "days"}`;
  return finish(rows, cutoff, (row) => ({
    reason: `no activity for ${days} (last activity ${new Date(Number(row.period)).toISOString()})`,
    dueAt: new Date(Number(row.period) + period),
  }));
}

type DateRelativeConfig = Extract<Trigger, { type: "deal.date_relative" | "activity.date_relative" }>;

/** The date fields date-relative triggers may read, each with its expression index (drizzle/0019). */
const DATE_FIELDS: Record<string, { entityType: string; expression: SQL }> = {
  "deal.expected_close_date": { entityType: "deal", expression: sql`left(s.data->>'expected_close_date', 10)` },
  "activity.due_date": { entityType: "activity", expression: sql`left(s.data->>'due_date', 10)` },
};

/** Date-relative: entities whose date field, moved by the days, has reached the chosen hour; the period is the field's date. */
export async function dueDateRelative(db: Db, automation: TimeAutomation, config: DateRelativeConfig, now: Date): Promise<DueList> {
  const entity = config.type === "deal.date_relative" ? "deal" : "activity";
  const field = DATE_FIELDS[`${entity}.${config.field}`];
  if (!field) throw new Error(`${entity}.${config.field} is not a date field the scheduler can sweep`);
  const upper = latestDueFieldDate(now, config, automation.timeZone);
  const floor = config.catchUp ? null : latestDueFieldDate(automation.activatedAt, config, automation.timeZone);
  const swept = automation.sweptUntil ? automation.sweptUntil.toISOString().slice(0, 10) : null;
  const lower = swept && floor ? (swept > floor ? swept : floor) : (swept ?? floor);
  const rows = (
    await selectDue(db, automation, {
      entityType: field.entityType,
      value: field.expression,
      period: field.expression,
      upper: sql`${upper}`,
      lower: lower ? sql`${lower}` : null,
      floor: floor ? sql`${floor}` : null,
    })
  ).filter((row) => fieldDate(row.period) === row.period);
  const offset = config.days === 0 ? "on" : `${config.days} ${config.days === 1 ? "day" : "days"} ${config.direction}`;
  return finish(rows, new Date(`${upper}T00:00:00Z`), (row) => ({
    reason: `${offset} ${config.field} ${row.period}, at ${config.at} (${automation.timeZone})`,
    dueAt: dateRelativeDueAt(row.period, config, automation.timeZone),
  }));
}
