// An automation's health over the last days: runs per day stacked by outcome, the failure rate, the
// median duration and the deliveries' success rate; and, for the automations list, the runs per day
// of a page of automations. Row-level security decides which automations the reader may see; the
// numbers then come from the daily rollup and today's live count (lib/runs/health-days.ts), which
// read the runs' indexes without a policy check per row.

import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { addCounts, histogramMedianMs, readHealthDays, type Counts } from "./health-days";
import { HEALTH_WINDOW_DAYS } from "./health-rollup";

/**
 * The outcomes the chart stacks, in order. `missed` (the automation was off when its event came) is
 * its own outcome and, like `skipped`, no part of the failure rate; `running` is not shown.
 */
export const HEALTH_OUTCOMES = ["succeeded", "skipped", "failed", "stopped", "missed"] as const;
export type HealthOutcome = (typeof HEALTH_OUTCOMES)[number];
export type HealthDay = { day: string } & Record<HealthOutcome, number>;
export type AutomationHealth = {
  days: HealthDay[];
  total: number;
  /** Failed over finished runs (succeeded + failed + stopped); null without any. */
  failureRate: number | null;
  /** From a log-scale histogram: within 9 % of the exact median (lib/runs/health-days.ts). */
  medianDurationMs: number | null;
  /** Deliveries (email, webhooks) that ended in the window: delivered, and finally failed after their retries. */
  deliveries: { delivered: number; failed: number };
  /** Delivered over ended deliveries; null without any. */
  deliverySuccessRate: number | null;
  timeZone: string;
};
/** The list's small chart: the days and their totals only. */
export type HealthSummary = Pick<AutomationHealth, "days" | "total" | "failureRate">;

export type AutomationHealthParams = { workspaceId: string; automationId: string; now: Date; days?: number; timeZone?: string };
export type HealthSummariesParams = { workspaceId: string; automationIds: string[]; now: Date; timeZone?: string };

/** The calendar days of the window, oldest first, in the time zone ("2026-12-04"). */
export function windowDays(now: Date, days: number, timeZone: string): string[] {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) out.push(format.format(new Date(now.getTime() - i * 86_400_000)));
  return [...new Set(out)];
}

/** The ids among `ids` that the reader may see (and so whose runs). */
async function visibleAutomations(db: Db, claims: UserClaims, workspaceId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await withUser(db, claims, (tx) =>
    tx.select({ id: automations.id }).from(automations).where(and(inArray(automations.id, ids), eq(automations.workspaceId, workspaceId))),
  );
  return rows.map((row) => row.id);
}

function summarise(dayList: string[], counts: Map<string, { outcomes: Counts }> | undefined): HealthSummary & { outcomes: Counts } {
  const outcomes: Counts = {};
  const days = dayList.map((day) => {
    const found = counts?.get(day)?.outcomes ?? {};
    addCounts(outcomes, found);
    return { day, ...Object.fromEntries(HEALTH_OUTCOMES.map((o) => [o, found[o] ?? 0])) } as HealthDay;
  });
  const total = HEALTH_OUTCOMES.reduce((sum, o) => sum + (outcomes[o] ?? 0), 0);
  const finished = (outcomes.succeeded ?? 0) + (outcomes.failed ?? 0) + (outcomes.stopped ?? 0);
  return { days, total, failureRate: finished > 0 ? (outcomes.failed ?? 0) / finished : null, outcomes };
}

export async function getAutomationHealth(db: Db, claims: UserClaims, params: AutomationHealthParams): Promise<AutomationHealth> {
  const timeZone = params.timeZone ?? "UTC";
  const dayList = windowDays(params.now, params.days ?? HEALTH_WINDOW_DAYS, timeZone);
  const visible = await visibleAutomations(db, claims, params.workspaceId, [params.automationId]);
  const byDay = (
    await readHealthDays(db, { workspaceId: params.workspaceId, automationIds: visible, timeZone, firstDay: dayList[0], detail: true })
  ).get(params.automationId);
  const durations: Counts = {};
  const deliveries: Counts = {};
  for (const day of dayList) {
    addCounts(durations, byDay?.get(day)?.durations);
    addCounts(deliveries, byDay?.get(day)?.deliveries);
  }
  const { outcomes: _outcomes, ...summary } = summarise(dayList, byDay);
  const delivered = deliveries.delivered ?? 0;
  const failed = deliveries.failed ?? 0;
  return {
    ...summary,
    medianDurationMs: histogramMedianMs(durations),
    deliveries: { delivered, failed },
    deliverySuccessRate: delivered + failed > 0 ? delivered / (delivered + failed) : null,
    timeZone,
  };
}

/** The list page's small charts: one read for all the page's automations the reader may see. */
export async function getHealthSummaries(db: Db, claims: UserClaims, params: HealthSummariesParams): Promise<Map<string, HealthSummary>> {
  const timeZone = params.timeZone ?? "UTC";
  const dayList = windowDays(params.now, HEALTH_WINDOW_DAYS, timeZone);
  const visible = await visibleAutomations(db, claims, params.workspaceId, params.automationIds);
  const all = await readHealthDays(db, { workspaceId: params.workspaceId, automationIds: visible, timeZone, firstDay: dayList[0], detail: false });
  return new Map(visible.map((id) => {
    const { outcomes: _outcomes, ...summary } = summarise(dayList, all.get(id));
    return [id, summary];
  }));
}
