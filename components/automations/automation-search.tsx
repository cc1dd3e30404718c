"use client";
// Search (applied as you type, debounced), filters and sort for the automations list. Everything
// lives in the URL, so a filtered list can be shared as a link; any change goes back to page 1.

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Field, Input, Select } from "@/components/ui/field";

export type ListFilterOptions = {
  triggers: Array<{ value: string; label: string }>;
  /** Owners to filter by (admins); members see only their own, so no owner filter. */
  owners?: Array<{ value: string; label: string }>;
};

const SEARCH_DELAY_MS = 300;

export function AutomationSearch({ query, options }: { query: string; options: ListFilterOptions }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [text, setText] = useState(query);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  function apply(key: string, value: string) {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    next.delete("created");
    const search = next.toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <form role="search" aria-label="Automations" onSubmit={(event) => event.preventDefault()} className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
      <div className="lg:col-span-2">
        <Field id="automation-search" label="Search by name">
          <Input
            id="automation-search"
            type="search"
            value={text}
            maxLength={200}
            placeholder="e.g. negotiation"
            onChange={(event) => {
              const value = event.target.value;
              setText(value);
              clearTimeout(timer.current);
              timer.current = setTimeout(() => apply("q", value.trim()), SEARCH_DELAY_MS);
            }}
          />
        </Field>
      </div>
      <Filter id="filter-status" label="Status" value={params.get("status") ?? ""} onChange={(value) => apply("status", value)}>
        <option value="">Any status</option>
        <option value="active">Active</option>
        <option value="off">Off</option>
        <option value="stopped">Stopped after failures</option>
      </Filter>
      <Filter id="filter-trigger" label="Trigger" value={params.get("trigger") ?? ""} onChange={(value) => apply("trigger", value)}>
        <option value="">Any trigger</option>
        {options.triggers.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Filter>
      {options.owners ? (
        <Filter id="filter-owner" label="Owner" value={params.get("owner") ?? ""} onChange={(value) => apply("owner", value)}>
          <option value="">Anyone</option>
          <option value="mine">Mine</option>
          {options.owners.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Filter>
      ) : null}
      <Filter id="sort" label="Sort by" value={params.get("sort") ?? "updated"} onChange={(value) => apply("sort", value === "updated" ? "" : value)}>
        <option value="updated">Last updated</option>
        <option value="name">Name</option>
        <option value="last_run">Last run</option>
      </Filter>
    </form>
  );
}

function Filter({ id, label, value, onChange, children }: { id: string; label: string; value: string; onChange: (value: string) => void; children: React.ReactNode }) {
  return (
    <Field id={id} label={label}>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </Select>
    </Field>
  );
}
