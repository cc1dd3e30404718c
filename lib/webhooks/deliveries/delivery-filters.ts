// The delivery log's filters as they live in the URL of /settings/webhooks
// (?outcome=&source=&from=&to=&external=), so a filtered view can be shared. Forgiving like the run
// filters: an invalid value is dropped, named in `ignored`, and the wider view shown. Isomorphic.

import { definedOnly, filterReader, isCalendarDay, type ParsedFilters } from "@/lib/runs/run-filters";
import { isStorableText } from "@/lib/text/storable-text";

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

export function readDeliveryFilters(input: SearchInput): ParsedFilters<DeliveryFilters> {
  const ignored: string[] = [];
  const take = filterReader(input, ignored);
  const p = DELIVERY_FILTER_PARAMS;
  const filters: DeliveryFilters = {
    outcome: take(p.outcome, (value) => (DELIVERY_OUTCOMES as readonly string[]).includes(value)) as DeliveryOutcome | undefined,
    sourceId: take(p.sourceId, (value) => UUID.test(value))?.toLowerCase(),
    from: take(p.from, isCalendarDay),
    to: take(p.to, isCalendarDay),
    externalId: take(p.externalId, (value) => value.length <= 255 && isStorableText(value)),
  };
  return { filters: definedOnly(filters), ignored };
}

export function parseDeliveryFilters(input: SearchInput): DeliveryFilters {
  return readDeliveryFilters(input).filters;
}

export function hasDeliveryFilters(filters: DeliveryFilters): boolean {
  return Object.values(filters).some(Boolean);
}
