"use client";
// The delivery log's filters. Submitting puts the ones set in the URL, so the view is a link; without
// JavaScript the form still submits as a GET.

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { DELIVERY_FILTER_PARAMS, DELIVERY_OUTCOMES, parseDeliveryFilters, type DeliveryFilters } from "@/lib/webhooks/deliveries/delivery-filters";

const PAGE = "/settings/webhooks";
const label = "block text-xs font-medium text-ink-muted";

export function deliveryFiltersQuery(filters: DeliveryFilters): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(DELIVERY_FILTER_PARAMS) as (keyof DeliveryFilters)[]) {
    const value = filters[key];
    if (value) params.set(DELIVERY_FILTER_PARAMS[key], value);
  }
  return params.toString();
}

export function DeliveryFiltersForm({ filters, sources }: { filters: DeliveryFilters; sources: readonly { id: string; name: string }[] }) {
  const router = useRouter();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const query = deliveryFiltersQuery(parseDeliveryFilters(Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]))));
    router.push(query ? `${PAGE}?${query}#deliveries` : `${PAGE}#deliveries`);
  };
  return (
    <form
      key={deliveryFiltersQuery(filters)}
      role="search"
      aria-label="Filter deliveries"
      method="get"
      action={PAGE}
      onSubmit={onSubmit}
      className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5"
    >
      <div className="space-y-1">
        <label htmlFor="delivery-outcome" className={label}>Outcome</label>
        <Select id="delivery-outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
          <option value="">All outcomes</option>
          {DELIVERY_OUTCOMES.map((outcome) => <option key={outcome} value={outcome}>{outcome}</option>)}
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor="delivery-source" className={label}>Source</label>
        <Select id="delivery-source" name="source" defaultValue={filters.sourceId ?? ""}>
          <option value="">All sources</option>
          {sources.map((source) => <option key={source.id} value={source.id}>{source.name}</option>)}
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor="delivery-external" className={label}>Message id</label>
        <Input id="delivery-external" name="external" defaultValue={filters.externalId ?? ""} placeholder="webhook-id" autoComplete="off" />
      </div>
      <div className="space-y-1">
        <label htmlFor="delivery-from" className={label}>From (UTC)</label>
        <Input id="delivery-from" name="from" type="date" defaultValue={filters.from ?? ""} />
      </div>
      <div className="space-y-1">
        <label htmlFor="delivery-to" className={label}>To (UTC)</label>
        <Input id="delivery-to" name="to" type="date" defaultValue={filters.to ?? ""} />
      </div>
      <div className="col-span-full flex items-center justify-end gap-2">
        <Link href={`${PAGE}#deliveries`} className={buttonClass("ghost")}>Clear</Link>
        <Button type="submit">Apply filters</Button>
      </div>
    </form>
  );
}
