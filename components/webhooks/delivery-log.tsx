// Every inbound delivery of the workspace, filtered: accepted, duplicate and rejected, with the
// reason, a link to the stored event, and one to what it ran (its one run, or the logs filtered to it).

import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, Card } from "@/components/ui/card";
import type { DeliveryFilters } from "@/lib/webhooks/deliveries/delivery-filters";
import { hasDeliveryFilters } from "@/lib/webhooks/deliveries/delivery-filters";
import { deliveryRunsHref, type DeliveryLogItem } from "@/lib/webhooks/deliveries/list-deliveries";
import { DeliveryFiltersForm } from "./delivery-filters-form";
import { MessageId } from "./message-id";

const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const TONES = { accepted: "success", duplicate: "info", rejected: "danger" } as const;

type Props = { deliveries: DeliveryLogItem[]; filters: DeliveryFilters; sources: readonly { id: string; name: string }[] };

export function DeliveryLog({ deliveries, filters, sources }: Props) {
  return (
    <Card className="mb-6 p-5">
      <section id="deliveries" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" className="mb-3 text-lg font-semibold text-ink">Inbound deliveries</h2>
        <DeliveryFiltersForm filters={filters} sources={sources} />
        {deliveries.length === 0 ? (
          <p className="text-sm text-ink-muted">{hasDeliveryFilters(filters) ? "No deliveries match these filters." : "No deliveries yet."}</p>
        ) : (
          // Below md the rows stack as cards, each value with its label, so nothing scrolls sideways.
          <div className="md:overflow-x-auto">
            <table className="block w-full text-left text-sm md:table" aria-label="Inbound deliveries">
              <thead className="hidden text-xs uppercase tracking-wide text-ink-muted md:table-header-group">
                <tr>
                  {COLUMNS.map((column) => (
                    <th key={column} scope="col" className="py-2 pr-3 font-medium">{column}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="block divide-y divide-surface-line md:table-row-group">
                {deliveries.map((delivery) => <Row key={delivery.id} delivery={delivery} />)}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Card>
  );
}

const COLUMNS = ["Received (UTC)", "Source", "Outcome", "Status", "Message id", "Reason", "Runs"] as const;

/** A cell: on a phone a labelled line of the card, from md a table cell. */
function Cell({ label, className = "", children }: { label: (typeof COLUMNS)[number]; className?: string; children: ReactNode }) {
  return (
    <td className={`flex gap-2 py-0.5 md:table-cell md:py-2 md:pr-3 ${className}`}>
      <span aria-hidden="true" className="w-28 shrink-0 text-xs text-ink-muted md:hidden">{label}</span>
      <span className="min-w-0 break-words md:contents">{children}</span>
    </td>
  );
}

function Row({ delivery }: { delivery: DeliveryLogItem }) {
  const href = deliveryRunsHref(delivery);
  return (
    <tr className="block py-2 align-top md:table-row md:py-0">
      <Cell label="Received (UTC)" className="md:whitespace-nowrap"><time dateTime={delivery.receivedAt.toISOString()}>{absolute.format(delivery.receivedAt)}</time></Cell>
      <Cell label="Source">{delivery.sourceName}</Cell>
      <Cell label="Outcome"><Badge tone={TONES[delivery.outcome]}>{delivery.outcome}</Badge></Cell>
      <Cell label="Status" className="font-mono">{delivery.httpStatus}</Cell>
      <Cell label="Message id" className="font-mono text-xs md:max-w-[12rem] md:truncate">
        <span className="break-all" title={delivery.externalId ?? undefined}><MessageId delivery={delivery} /></span>
      </Cell>
      <Cell label="Reason" className="text-ink-muted">{delivery.reason ?? "—"}</Cell>
      <Cell label="Runs" className="md:whitespace-nowrap">
        {href ? (
          <Link href={href} className="font-medium text-brand-700 hover:underline">
            {delivery.runCount === 1 ? "View run" : `View ${delivery.runCount} runs`}
          </Link>
        ) : delivery.eventId ? <span className="text-ink-muted">No runs</span> : "—"}
      </Cell>
    </tr>
  );
}
