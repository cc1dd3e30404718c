// Every inbound delivery of the workspace, filtered: accepted, duplicate and rejected, with the
// reason, a link to the stored event, and one to what it ran (its one run, or the logs filtered to it).

import Link from "next/link";
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
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Inbound deliveries">
              <thead className="text-xs uppercase tracking-wide text-ink-muted">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Received (UTC)</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Source</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Outcome</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Message id</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Reason</th>
                  <th scope="col" className="py-2 font-medium">Runs</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-surface-line">
                {deliveries.map((delivery) => <Row key={delivery.id} delivery={delivery} />)}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Card>
  );
}

function Row({ delivery }: { delivery: DeliveryLogItem }) {
  const href = deliveryRunsHref(delivery);
  return (
    <tr className="align-top">
      <td className="whitespace-nowrap py-2 pr-3"><time dateTime={delivery.receivedAt.toISOString()}>{absolute.format(delivery.receivedAt)}</time></td>
      <td className="py-2 pr-3">{delivery.sourceName}</td>
      <td className="py-2 pr-3"><Badge tone={TONES[delivery.outcome]}>{delivery.outcome}</Badge></td>
      <td className="py-2 pr-3 font-mono">{delivery.httpStatus}</td>
      <td className="max-w-[12rem] truncate py-2 pr-3" title={delivery.externalId ?? undefined}><MessageId delivery={delivery} /></td>
      <td className="py-2 pr-3 text-ink-muted">{delivery.reason ?? "—"}</td>
      <td className="whitespace-nowrap py-2">
        {href ? (
          <Link href={href} className="font-medium text-brand-700 hover:underline">
            {delivery.runCount === 1 ? "View run" : `View ${delivery.runCount} runs`}
          </Link>
        ) : delivery.eventId ? <span className="text-ink-muted">No runs</span> : "—"}
      </td>
    </tr>
  );
}
