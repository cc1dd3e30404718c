"use client";
// The history filters. Submitting puts them in the URL (only the ones set, in a fixed order), so the
// view is a link anyone on the team can open; without JavaScript the form still submits as a GET.

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { RUN_EVENT_TYPES } from "@/lib/engine/event";
import { AutomationCombobox, type AutomationChoice } from "./automation-combobox";
import { parseRunFilters, RUN_STATUS_OPTIONS, runFiltersQuery, type RunFilters } from "@/lib/runs/run-filters";

type Props = {
  filters: RunFilters;
  basePath: string;
  /** The automations to filter by; absent on one automation's own runs page. */
  automations?: readonly AutomationChoice[];
};

const label = "block text-xs font-medium text-ink-muted";

export function RunFiltersForm({ filters, basePath, automations }: Props) {
  const router = useRouter();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const picked = parseRunFilters(Object.fromEntries([...data.entries()].map(([key, value]) => [key, String(value)])));
    const query = runFiltersQuery({ ...picked, cursor: undefined });
    router.push(query ? `${basePath}?${query}` : basePath);
  };
  return (
    <form
      key={runFiltersQuery(filters)}
      role="search"
      aria-label="Filter runs"
      method="get"
      action={basePath}
      onSubmit={onSubmit}
      className="mb-4 grid grid-cols-2 gap-3 rounded-card border border-surface-line bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-7"
    >
      <div className="space-y-1">
        <label htmlFor="filter-status" className={label}>Status</label>
        <Select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
          <option value="">All statuses</option>
          {RUN_STATUS_OPTIONS.map((status) => (
            <option key={status} value={status}>{status}</option>
          ))}
        </Select>
        <label className="flex items-center gap-1.5 text-xs text-ink-muted">
          <input type="checkbox" name="waiting" value="1" defaultChecked={filters.waiting === "1"} />
          Waiting for delivery
        </label>
      </div>
      {automations ? (
        <div className="space-y-1 lg:col-span-2">
          <label htmlFor="filter-automation" className={label}>Automation</label>
          <AutomationCombobox id="filter-automation" name="automation" automations={automations} defaultId={filters.automationId} />
        </div>
      ) : null}
      <div className="space-y-1">
        <label htmlFor="filter-type" className={label}>Event type</label>
        <Select id="filter-type" name="type" defaultValue={filters.eventType ?? ""}>
          <option value="">All event types</option>
          {RUN_EVENT_TYPES.map((type) => (
            <option key={type} value={type}>{type}</option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-entity" className={label}>Entity id</label>
        <Input id="filter-entity" name="entity" defaultValue={filters.entityId ?? ""} placeholder="e.g. D-1042" autoComplete="off" />
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-from" className={label}>From (UTC)</label>
        <Input id="filter-from" name="from" type="date" defaultValue={filters.from ?? ""} />
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-to" className={label}>To (UTC)</label>
        <Input id="filter-to" name="to" type="date" defaultValue={filters.to ?? ""} />
      </div>
      {filters.eventId ? (
        <div className="col-span-full flex items-center gap-2 text-xs text-ink-muted">
          {/* Kept when other filters change; "Clear" drops it. */}
          <input type="hidden" name="event" value={filters.eventId} />
          Runs of event <span className="font-mono">{filters.eventId}</span>
        </div>
      ) : null}
      <div className="col-span-full flex items-center justify-end gap-2">
        <Link href={basePath} className={buttonClass("ghost")}>Clear</Link>
        <Button type="submit">Apply filters</Button>
      </div>
    </form>
  );
}
