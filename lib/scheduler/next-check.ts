// What the automation page says about a time-based automation: when the scheduler next checks it
// (the periodic job's next sweep, or now when one is due) and, for a schedule, its next occurrence,
// in the workspace's time zone.

import type { Db } from "@/db/client";
import { getTrigger, triggerSchema } from "@/lib/automations/triggers";
import { nextJobRun } from "@/lib/jobs/periodic-jobs";
import { nextOccurrence } from "./time-math";

export type NextCheck = { nextCheck: Date; nextOccurrence: Date | null; timeZone: string };

/** When the scheduler next sweeps: the booked run, or now when one is due. */
export async function nextSweepAt(db: Db, now: Date): Promise<Date> {
  const booked = await nextJobRun(db, "scheduler");
  return booked && booked > now ? booked : now;
}

export async function getNextCheck(db: Db, params: { trigger: unknown; timeZone: string; now: Date }): Promise<NextCheck | null> {
  const parsed = triggerSchema.safeParse(params.trigger);
  if (!parsed.success || !getTrigger(parsed.data.type)?.timeBased) return null;
  const nextCheck = await nextSweepAt(db, params.now);
  const occurrence = parsed.data.type === "schedule" ? nextOccurrence(parsed.data.cron, params.timeZone, params.now) : null;
  return { nextCheck, nextOccurrence: occurrence, timeZone: params.timeZone };
}

/** "4 Dec 2026, 09:00 (Europe/Berlin)". */
export function formatInZone(date: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);
  return `${text} (${timeZone})`;
}
