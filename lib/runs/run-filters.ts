// The run history's filters as they live in the URL (?status=&automation=&type=&entity=&event=&from=&to=&cursor=),
// so a filtered view is a link that can be shared. Parsing is forgiving on purpose: a value that is
// not valid (an old link, a hand-edited URL) is dropped and the page shows the wider view.
// Isomorphic: the server page, the API route and the polling client all read and write it.

import { RUN_EVENT_TYPES, type EventType, type InternalEventType } from "@/lib/engine/event";
import { decodeRunCursor } from "./run-cursor";

/** The statuses of db/schema/runs.ts, repeated here so the browser bundle does not pull in the schema. */
export const RUN_STATUS_OPTIONS = ["succeeded", "failed", "skipped", "stopped", "running"] as const;
export type RunStatusFilter = (typeof RUN_STATUS_OPTIONS)[number];

export type RunFilters = {
  status?: RunStatusFilter;
  automationId?: string;
  eventType?: EventType | InternalEventType;
  entityId?: string;
  /** The runs of one event (the webhooks page's delivery log links here). */
  eventId?: string;
  /** "1": only runs with an email or webhook still queued ("waiting for delivery", derived from the outbox). */
  waiting?: "1";
  /** Calendar days (YYYY-MM-DD, UTC), both inclusive. */
  from?: string;
  to?: string;
  cursor?: string;
};

export const RUN_FILTER_PARAMS = {
  status: "status",
  automationId: "automation",
  eventType: "type",
  entityId: "entity",
  eventId: "event",
  waiting: "waiting",
  from: "from",
  to: "to",
  cursor: "cursor",
} as const satisfies Record<keyof RunFilters, string>;

export const MAX_ENTITY_ID_LENGTH = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

function read(input: SearchInput, key: string): string | undefined {
  const value = input instanceof URLSearchParams ? (input.get(key) ?? undefined) : input[key];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** A real calendar day (2026-02-30 is not), as YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function parseRunFilters(input: SearchInput): RunFilters {
  const filters: RunFilters = {};
  const status = read(input, RUN_FILTER_PARAMS.status);
  if (status && (RUN_STATUS_OPTIONS as readonly string[]).includes(status)) filters.status = status as RunStatusFilter;
  const automationId = read(input, RUN_FILTER_PARAMS.automationId);
  if (automationId && UUID.test(automationId)) filters.automationId = automationId.toLowerCase();
  const eventType = read(input, RUN_FILTER_PARAMS.eventType);
  if (eventType && (RUN_EVENT_TYPES as readonly string[]).includes(eventType)) filters.eventType = eventType as EventType | InternalEventType;
  const entityId = read(input, RUN_FILTER_PARAMS.entityId);
  if (entityId && entityId.length <= MAX_ENTITY_ID_LENGTH) filters.entityId = entityId;
  const eventId = read(input, RUN_FILTER_PARAMS.eventId);
  if (eventId && UUID.test(eventId)) filters.eventId = eventId.toLowerCase();
  if (read(input, RUN_FILTER_PARAMS.waiting) === "1") filters.waiting = "1";
  const from = read(input, RUN_FILTER_PARAMS.from);
  if (from && isCalendarDay(from)) filters.from = from;
  const to = read(input, RUN_FILTER_PARAMS.to);
  if (to && isCalendarDay(to)) filters.to = to;
  const cursor = read(input, RUN_FILTER_PARAMS.cursor);
  if (cursor && decodeRunCursor(cursor)) filters.cursor = cursor;
  return filters;
}

/** The query string for filters (without "?"), keys in a fixed order so equal filters give equal links. */
export function runFiltersQuery(filters: RunFilters, overrides: Partial<RunFilters> = {}): string {
  const merged: RunFilters = { ...filters, ...overrides };
  const params = new URLSearchParams();
  for (const key of Object.keys(RUN_FILTER_PARAMS) as (keyof RunFilters)[]) {
    const value = merged[key];
    if (value) params.set(RUN_FILTER_PARAMS[key], value);
  }
  return params.toString();
}

/** The filters other than the page position: what decides whether a view is filtered at all. */
export function hasRunFilters(filters: RunFilters): boolean {
  return Boolean(filters.status || filters.automationId || filters.eventType || filters.entityId || filters.eventId || filters.waiting || filters.from || filters.to);
}

/** [from, to) as instants: the start of `from` and the start of the day after `to`, in UTC. */
export function dayRange(filters: Pick<RunFilters, "from" | "to">): { from?: Date; before?: Date } {
  const range: { from?: Date; before?: Date } = {};
  if (filters.from) range.from = new Date(`${filters.from}T00:00:00Z`);
  if (filters.to) range.before = new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000);
  return range;
}
