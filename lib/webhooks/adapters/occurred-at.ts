// When an event may say it happened: not before 2000-01-01 (earlier dates are broken clocks or
// poison, and year 0 is not even a PostgreSQL timestamp), and not more than 5 minutes after it
// was received (a future date would make an entity look active until then). Late deliveries and
// replays of a CRM's history are normal and accepted.
import type { PayloadIssue } from "./types";

export const EARLIEST_OCCURRED_AT = Date.UTC(2000, 0, 1);
export const MAX_OCCURRED_AT_AHEAD_MS = 5 * 60 * 1000;

/** The issue for `path` when the ISO date-time `value` is out of bounds, else null. */
export function occurredAtIssue(value: string, now: Date, path: string): PayloadIssue | null {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return { path, message: `${path} must be an ISO 8601 date-time` };
  if (time < EARLIEST_OCCURRED_AT) return { path, message: `${path} must not be before 2000-01-01` };
  if (time > now.getTime() + MAX_OCCURRED_AT_AHEAD_MS) return { path, message: `${path} must not be more than 5 minutes after the event was received` };
  return null;
}
