// When a failed delivery is tried again: the Standard Webhooks schedule (the first attempt
// immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h after the previous one),
// each wait stretched by up to 20 % of jitter so receivers that failed together are not retried
// together, and never sooner than the receiver's Retry-After (itself capped at 24 hours).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Wait before attempt n+2 after attempt n+1 failed; its length is the number of retries. */
export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const MAX_RETRY_AFTER_MS = 24 * HOUR;
export const JITTER = 0.2;

/**
 * The wait after the given (1-based) attempt failed, or null when that was the last one.
 * `random` is in [0, 1): tests pass a fixed value.
 */
export function nextRetryDelay(attempt: number, retryAfterMs: number | null, random: number): number | null {
  const base = RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined) return null;
  const scheduled = Math.round(base * (1 + JITTER * random));
  return retryAfterMs === null ? scheduled : Math.max(scheduled, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * SECOND;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}
