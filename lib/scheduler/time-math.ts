// When time-based triggers are due: pure functions of their settings, the workspace's time zone
// and `now` (never the system clock), so tests can put them on either side of a DST change.
// Local times use Intl (the IANA database the runtime ships); cron expressions use croner.

import { cronJob } from "@/lib/automations/cron-words";

const DAY_MS = 86_400_000;

export type DateRelativeSettings = { days: number; direction: "before" | "after"; at: string };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True for a time zone name this runtime knows ("Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(instant: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const c = wallClock(instant, timeZone);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - (instant - (instant % 1000));
}

/** "YYYY-MM-DD" of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const c = wallClock(instant.getTime(), timeZone);
  return `${String(c.year).padStart(4, "0")}-${String(c.month).padStart(2, "0")}-${String(c.day).padStart(2, "0")}`;
}

/** "HH:MM" of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): string {
  const c = wallClock(instant.getTime(), timeZone);
  return `${String(c.hour).padStart(2, "0")}:${String(c.minute).padStart(2, "0")}`;
}

/** The day of the week of "YYYY-MM-DD": 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Calendar arithmetic on "YYYY-MM-DD" (months and leap years as the calendar has them). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant a wall-clock time occurs in a zone. A time that does not exist (skipped by a DST
 * change, 02:30 on a spring-forward night) is taken as the same moment after the change (03:30); a
 * time that occurs twice (autumn) as its first occurrence. So a 09:00 trigger is at 09:00 local on
 * both sides of a change, once.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [hour, minute] = time.split(":").map(Number);
  const wall = Date.parse(`${date}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  // The offsets half a day either side bound the answer. The offset before a change first: in an
  // autumn overlap that is the first occurrence.
  const before = offsetAt(wall - DAY_MS / 2, timeZone);
  const after = offsetAt(wall + DAY_MS / 2, timeZone);
  for (const offset of [before, after]) {
    const candidate = wall - offset;
    if (offsetAt(candidate, timeZone) === offset) return new Date(candidate);
  }
  // In a gap: the wall time plus the jump, at the offset after the change.
  return new Date(wall - before);
}

/** The calendar date a date field holds ("2026-12-10" or an ISO date-time's date part), or null. */
export function fieldDate(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  const date = match[0];
  // Date.parse rolls 29 February of a common year over to 1 March: the round trip catches it.
  return !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && addDays(date, 0) === date ? date : null;
}

/** The date the trigger fires on for a field date (N days before or after it). */
export function targetDate(field: string, settings: DateRelativeSettings): string {
  return addDays(field, settings.direction === "before" ? -settings.days : settings.days);
}

/** When a date-relative trigger is due for an entity whose field holds `field`. */
export function dateRelativeDueAt(field: string, settings: DateRelativeSettings, timeZone: string): Date {
  return zonedInstant(targetDate(field, settings), settings.at, timeZone);
}

/** The latest field date whose due time is at or before `now`: entities up to it are due. */
export function latestDueFieldDate(now: Date, settings: DateRelativeSettings, timeZone: string): string {
  let target = localDate(now, timeZone);
  if (zonedInstant(target, settings.at, timeZone).getTime() > now.getTime()) target = addDays(target, -1);
  return addDays(target, settings.direction === "before" ? settings.days : -settings.days);
}

/** When a deal whose last activity was at `lastActivity` has been inactive for `days` days. */
export function inactiveMark(lastActivity: Date, days: number): Date {
  return new Date(lastActivity.getTime() + days * DAY_MS);
}

/** The latest occurrence of a cron expression at or before `now`, in the zone; null if none. */
export function latestOccurrence(cron: string, timeZone: string, now: Date): Date | null {
  return cronJob(cron, timeZone).previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

/** The next occurrence strictly after `after`. */
export function nextOccurrence(cron: string, timeZone: string, after: Date): Date | null {
  return cronJob(cron, timeZone).nextRun(after);
}
