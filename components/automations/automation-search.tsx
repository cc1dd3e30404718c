// Search by name. A GET form (next/form navigates client-side), so the query lives in the URL and
// a filtered list can be shared as a link.

import Form from "next/form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

export function AutomationSearch({ query }: { query: string }) {
  return (
    <Form action="/settings/automations" role="search" className="mb-4 flex max-w-md items-end gap-2">
      <div className="flex-1 space-y-1">
        <label htmlFor="automation-search" className="block text-sm font-medium text-ink">
          Search by name
        </label>
        <Input id="automation-search" name="q" type="search" defaultValue={query} maxLength={200} placeholder="e.g. negotiation" />
      </div>
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </Form>
  );
}
