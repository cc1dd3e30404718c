// How the history pages write times, durations and statuses. UTC throughout: a shared link must
// show everyone the same times, and the date filters are UTC days.

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export function formatRunTime(value: string | Date): string {
  return `${dateTime.format(typeof value === "string" ? new Date(value) : value)} UTC`;
}

export function formatDuration(micros: number): string {
  if (micros < 1_000) return `${micros} µs`;
  if (micros < 1_000_000) return `${(micros / 1_000).toFixed(micros < 10_000 ? 2 : 1)} ms`;
  return `${(micros / 1_000_000).toFixed(2)} s`;
}

export const STATUS_TONES = {
  succeeded: "success",
  failed: "danger",
  skipped: "neutral",
  stopped: "warning",
  missed: "warning",
  running: "info",
  pending: "info",
} as const;

export function statusTone(status: string): (typeof STATUS_TONES)[keyof typeof STATUS_TONES] {
  return STATUS_TONES[status as keyof typeof STATUS_TONES] ?? "neutral";
}
