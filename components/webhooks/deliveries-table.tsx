import { Badge } from "@/components/ui/card";
import { MessageId } from "./message-id";
import type { SourceDelivery } from "@/lib/webhooks/sources/list-sources";

const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const TONES = { accepted: "success", duplicate: "info", rejected: "danger" } as const;

/** The latest deliveries to one source: what was accepted, what was refused and why. */
export function DeliveriesTable({ deliveries, sourceName }: { deliveries: SourceDelivery[]; sourceName: string }) {
  if (deliveries.length === 0) {
    return <p className="text-sm text-ink-muted">No deliveries yet. Send a test event to see one here.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label={`Recent deliveries to ${sourceName}`}>
        <thead className="text-xs uppercase tracking-wide text-ink-muted">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Received (UTC)</th>
            <th scope="col" className="py-2 pr-3 font-medium">Outcome</th>
            <th scope="col" className="py-2 pr-3 font-medium">Status</th>
            <th scope="col" className="py-2 pr-3 font-medium">Reason or message id</th>
            <th scope="col" className="py-2 font-medium">Body (start)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-surface-line">
          {deliveries.map((delivery) => (
            <tr key={delivery.id} className="align-top">
              <td className="whitespace-nowrap py-2 pr-3">
                <time dateTime={delivery.receivedAt.toISOString()}>{absolute.format(delivery.receivedAt)}</time>
              </td>
              <td className="py-2 pr-3">
                <Badge tone={TONES[delivery.outcome]}>{delivery.outcome}</Badge>
              </td>
              <td className="py-2 pr-3 font-mono">{delivery.httpStatus}</td>
              <td className="py-2 pr-3 text-ink-muted">
                {delivery.reason ?? <MessageId delivery={delivery} />}
              </td>
              <td className="max-w-xs py-2">
                {delivery.snippet ? <code className="block truncate font-mono text-xs text-ink-muted" title={delivery.snippet}>{delivery.snippet}</code> : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
