// Cron expressions for the `schedule` trigger: validation with croner (the same library the
// scheduler runs them with), the common choices the editor offers, and words for summaries.

import { Cron } from "croner";

export type CronPreset = { cron: string; label: string };

/** What the editor offers; any other five-field expression can be typed in. */
export const CRON_PRESETS: readonly CronPreset[] = [
  { cron: "0 9 * * 1-5", label: "Every weekday at 09:00" },
  { cron: "0 9 * * 1", label: "Every Monday at 09:00" },
  { cron: "0 9 * * *", label: "Every day at 09:00" },
  { cron: "0 9 1 * *", label: "On the first of every month at 09:00" },
  { cron: "0 * * * *", label: "Every hour, on the hour" },
];

/** A croner job for a five-field expression in a time zone, never started (the scheduler asks it for times). */
export function cronJob(cron: string, timeZone = "UTC"): Cron {
  return new Cron(cron, { timezone: timeZone, paused: true, mode: "5-part" });
}

export function isValidCron(cron: string): boolean {
  try {
    cronJob(cron);
    return true;
  } catch {
    return false;
  }
}

/** "every weekday at 09:00" for a preset, else the expression itself. */
export function describeCron(cron: string): string {
  const preset = CRON_PRESETS.find((candidate) => candidate.cron === cron.trim());
  return preset ? preset.label.toLowerCase() : `on the schedule “${cron.trim()}”`;
}
