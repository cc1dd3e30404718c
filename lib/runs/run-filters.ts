// The run history's filters as they live in the URL (?status=&automation=&type=&entity=&event=&from=&to=&cursor=),
// so a filtered view is a link that can be shared. Parsing is forgiving on purpose: a value that is
// not valid (an old link, a hand-edited URL) is dropped, named in `ignored` so the page can say so,
// and the wider view shown. No dropped value reaches the database: a day PostgreSQL cannot hold
// (year 0) or text it cannot store (a NUL, an unpaired surrogate) used to answer 500.
// Isomorphic: the server page, the API route and the polling client all read and write it.

import { RUN_EVENT_TYPES, type EventType, type InternalEventType } from "@/lib/engine/event";
import { isStorableText } from "@/lib/text/storable-text";
import { decodeRunCursor } from "./run-cursor";

/** The statuses of db/schema/runs.ts, repeated here so the browser bundle does not pull in the schema. */
export const RUN_STATUS_OPTIONS = ["succeeded", "failed", "skipped", "stopped", "missed", "running"] as const;
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

/** Years before this are no one's filter, and year 0 is not a PostgreSQL date. */
export const EARLIEST_FILTER_YEAR = 1000;

/** A real calendar day (2026-02-30 is not) from year 1000 on, as YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value) || Number(value.slice(0, 4)) < EARLIEST_FILTER_YEAR) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The filters, and the URL parameters whose values were dropped as invalid. */
export type ParsedFilters<F> = { filters: F; ignored: string[] };

/** Reads one parameter: kept when `accept` says so (under the filter's key), else named in `ignored`. */
export function filterReader(input: SearchInput, ignored: string[]) {
  return (param: string, accept: (value: string) => boolean): string | undefined => {
    const value = read(input, param);
    if (value === undefined) return undefined;
    if (accept(value)) return value;
    ignored.push(param);
    return undefined;
  };
}

/** The filters without the keys left undefined, so equal filters compare equal. */
export function definedOnly<F extends object>(filters: F): F {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as F;
}

const inList = (list: readonly string[]) => (value: string) => list.includes(value);
const isUuid = (value: string) => UUID.test(value);

export function readRunFilters(input: SearchInput): ParsedFilters<RunFilters> {
  const ignored: string[] = [];
  const take = filterReader(input, ignored);
  const p = RUN_FILTER_PARAMS;
  const filters: RunFilters = {
    status: take(p.status, inList(RUN_STATUS_OPTIONS)) as RunStatusFilter | undefined,
    automationId: take(p.automationId, isUuid)?.toLowerCase(),
    eventType: take(p.eventType, inList(RUN_EVENT_TYPES)) as EventType | InternalEventType | undefined,
    entityId: take(p.entityId, (value) => value.length <= MAX_ENTITY_ID_LENGTH && isStorableText(value)),
    eventId: take(p.eventId, isUuid)?.toLowerCase(),
    waiting: take(p.waiting, (value) => value === "1") as "1" | undefined,
    from: take(p.from, isCalendarDay),
    to: take(p.to, isCalendarDay),
    cursor: take(p.cursor, (value) => decodeRunCursor(value) !== null),
  };
  return { filters: definedOnly(filters), ignored };
}

export function parseRunFilters(input: SearchInput): RunFilters {
  return readRunFilters(input).filters;
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
