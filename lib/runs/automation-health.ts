// An automation's health over the last days: runs per day stacked by outcome, the failure rate and
// the median duration. Row-level security decides once whether the reader may see the automation
// (and so its runs); the counts then come from the (automation_id, status, created_at) index alone,
// without a policy check per row, and the median from the newest finished runs.

import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import { automationRuns, automations } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";

/** The median duration is the newest finished runs' (a bounded read, whatever the traffic). */
const MEDIAN_SAMPLE = 1_000;

export const HEALTH_OUTCOMES = ["succeeded", "skipped", "failed", "stopped"] as const;
export type HealthOutcome = (typeof HEALTH_OUTCOMES)[number];
export type HealthDay = { day: string } & Record<HealthOutcome, number>;
export type AutomationHealth = {
  days: HealthDay[];
  total: number;
  /** Failed over finished runs (succeeded + failed + stopped); null without any. */
  failureRate: number | null;
  medianDurationMs: number | null;
  timeZone: string;
};

export type AutomationHealthParams = { workspaceId: string; automationId: string; now: Date; days?: number; timeZone?: string };

/** The calendar days of the window, oldest first, in the time zone ("2026-12-04"). */
export function windowDays(now: Date, days: number, timeZone: string): string[] {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) out.push(format.format(new Date(now.getTime() - i * 86_400_000)));
  return [...new Set(out)];
}

export async function getAutomationHealth(db: Db, claims: UserClaims, params: AutomationHealthParams): Promise<AutomationHealth> {
  const days = params.days ?? 30;
  const timeZone = params.timeZone ?? "UTC";
  const since = new Date(params.now.getTime() - days * 86_400_000);
  const r = automationRuns;
  const window = and(eq(r.automationId, params.automationId), eq(r.workspaceId, params.workspaceId), gte(r.createdAt, since));
  const visible = await withUser(db, claims, (tx) =>
    tx.select({ id: automations.id }).from(automations).where(and(eq(automations.id, params.automationId), eq(automations.workspaceId, params.workspaceId))).limit(1),
  );
  const counts = visible.length === 0 ? [] : resultRows<{ day: string; status: string; n: number }>(
    await db.execute(sql`
      select to_char(${r.createdAt} at time zone ${timeZone}, 'YYYY-MM-DD') as day, ${r.status} as status, count(*)::int as n
      from ${r} where ${window} group by 1, 2`),
  );
  const median = visible.length === 0 ? [] : resultRows<{ ms: number | null }>(
    await db.execute(sql`
      select (percentile_cont(0.5) within group (order by d) / 1000.0)::float8 as ms
      from (select ${r.durationMicros} as d from ${r} where ${window} and ${r.status} in ('succeeded', 'failed', 'stopped')
            order by ${r.createdAt} desc limit ${MEDIAN_SAMPLE}) newest`),
  );
  const byDay = new Map<string, HealthDay>(windowDays(params.now, days, timeZone).map((day) => [day, { day, succeeded: 0, skipped: 0, failed: 0, stopped: 0 }]));
  let total = 0;
  for (const row of counts) {
    const entry = byDay.get(row.day);
    if (!entry || !(HEALTH_OUTCOMES as readonly string[]).includes(row.status)) continue;
    entry[row.status as HealthOutcome] += Number(row.n);
    total += Number(row.n);
  }
  const list = [...byDay.values()];
  const sum = (key: HealthOutcome) => list.reduce((acc, d) => acc + d[key], 0);
  const finished = sum("succeeded") + sum("failed") + sum("stopped");
  return {
    days: list,
    total,
    failureRate: finished > 0 ? sum("failed") / finished : null,
    medianDurationMs: median[0]?.ms ?? null,
    timeZone,
  };
}
