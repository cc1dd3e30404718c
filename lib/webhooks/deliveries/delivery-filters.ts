// The delivery log's filters as they live in the URL of /settings/webhooks
// (?outcome=&source=&from=&to=&external=), so a filtered view can be shared. Forgiving like the run
// filters: an invalid value is dropped and the wider view shown. Isomorphic.

import { isCalendarDay } from "@/lib/runs/run-filters";

export const DELIVERY_OUTCOMES = ["accepted", "duplicate", "rejected"] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

export type DeliveryFilters = {
  outcome?: DeliveryOutcome;
  sourceId?: string;
  /** Calendar days (YYYY-MM-DD, UTC), both inclusive. */
  from?: string;
  to?: string;
  /** The sender's message id (`webhook-id`), matched exactly. */
  externalId?: string;
};

export const DELIVERY_FILTER_PARAMS = { outcome: "outcome", sourceId: "source", from: "from", to: "to", externalId: "external" } as const satisfies Record<keyof DeliveryFilters, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

function read(input: SearchInput, key: string): string | undefined {
  const value = input instanceof URLSearchParams ? (input.get(key) ?? undefined) : input[key];
  const trimmed = (Array.isArray(value) ? value[0] : value)?.trim();
  return trimmed ? trimmed : undefined;
}

export function parseDeliveryFilters(input: SearchInput): DeliveryFilters {
  const filters: DeliveryFilters = {};
  const outcome = read(input, DELIVERY_FILTER_PARAMS.outcome);
  if (outcome && (DELIVERY_OUTCOMES as readonly string[]).includes(outcome)) filters.outcome = outcome as DeliveryOutcome;
  const sourceId = read(input, DELIVERY_FILTER_PARAMS.sourceId);
  if (sourceId && UUID.test(sourceId)) filters.sourceId = sourceId.toLowerCase();
  const from = read(input, DELIVERY_FILTER_PARAMS.from);
  if (from && isCalendarDay(from)) filters.from = from;
  const to = read(input, DELIVERY_FILTER_PARAMS.to);
  if (to && isCalendarDay(to)) filters.to = to;
  const externalId = read(input, DELIVERY_FILTER_PARAMS.externalId);
  if (externalId && externalId.length <= 255) filters.externalId = externalId;
  return filters;
}

export function hasDeliveryFilters(filters: DeliveryFilters): boolean {
  return Object.values(filters).some(Boolean);
}
