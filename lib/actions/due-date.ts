// When a follow-up is due: N days after the event (exactly N × 24 h, as before), or, with a time of
// day or business days, N calendar or business days later in the workspace's time zone, at that
// time (else at the event's local time). Business days skip Saturdays and Sundays; "0 business
// days" on a weekend is the next Monday. Pure: `now` and the zone are given.

import { addDays, localDate, localTime, weekday, zonedInstant } from "@/lib/scheduler/time-math";

const DAY_MS = 86_400_000;

export type DueSettings = { dueInDays: number; dueTime?: string; businessDays?: boolean };

function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

function addBusinessDays(date: string, days: number): string {
  let current = date;
  while (isWeekend(current)) current = addDays(current, 1);
  for (let left = days; left > 0; ) {
    current = addDays(current, 1);
    if (!isWeekend(current)) left--;
  }
  return current;
}

export function dueDate(now: Date, settings: DueSettings, timeZone: string): Date {
  if (!settings.dueTime && !settings.businessDays) return new Date(now.getTime() + settings.dueInDays * DAY_MS);
  const today = localDate(now, timeZone);
  const date = settings.businessDays ? addBusinessDays(today, settings.dueInDays) : addDays(today, settings.dueInDays);
  return zonedInstant(date, settings.dueTime ?? localTime(now, timeZone), timeZone);
}
