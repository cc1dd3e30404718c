import { Badge, Card } from "@/components/ui/card";
import type { SourceSummary } from "@/lib/webhooks/sources/list-sources";
import { CopyButton } from "./copy-button";
import Link from "next/link";
import { SecretField } from "./secret-field";
import { SourceControls } from "./source-controls";

const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** What arrived lately, in one line: the deliveries themselves are listed once, in the log below. */
function RecentDeliveries({ source }: { source: SourceSummary }) {
  const { deliveries } = source;
  const count = (outcome: string) => deliveries.filter((d) => d.outcome === outcome).length;
  const [latest] = deliveries;
  return (
    <p className="text-sm text-ink">
      {latest ? (
        <>
          Last delivery <time dateTime={latest.receivedAt.toISOString()}>{absolute.format(latest.receivedAt)} UTC</time>, {latest.outcome} ({latest.httpStatus}). Of the
          last {deliveries.length}: {count("accepted")} accepted, {count("duplicate")} duplicate, {count("rejected")} rejected.{" "}
        </>
      ) : (
        "No deliveries yet. Send a test event to see one here. "
      )}
      <Link href={`/settings/webhooks?source=${source.id}#deliveries`} className="font-medium text-brand-700 hover:underline">
        Deliveries to {source.name}
      </Link>
    </p>
  );
}

/** One webhook source: where to send, how to sign, what to do with it, and what arrived lately. */
export function SourceCard({ source, endpointUrl }: { source: SourceSummary; endpointUrl: string }) {
  const headingId = `source-${source.id}`;
  return (
    <Card className="mb-6 p-5">
      <section aria-labelledby={headingId} className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={headingId} className="text-lg font-semibold text-ink">
            {source.name}
          </h2>
          <Badge tone="info">{source.format === "supabase" ? "Supabase" : "Native"}</Badge>
          <Badge tone={source.isActive ? "success" : "warning"}>{source.isActive ? "Active" : "Disabled"}</Badge>
        </div>
        <div className="space-y-1">
          <span id={`${headingId}-url`} className="block text-sm font-medium text-ink">
            Endpoint URL
          </span>
          <div className="flex items-center gap-2">
            <code aria-labelledby={`${headingId}-url`} className="min-w-0 flex-1 truncate rounded-md border border-surface-line bg-surface-sunken px-2.5 py-1.5 font-mono text-sm">
              {endpointUrl}
            </code>
            <CopyButton value={endpointUrl} label={`Copy the endpoint URL of ${source.name}`} />
          </div>
        </div>
        <SecretField secret={source.secret} sourceName={source.name} />
        <p className="text-xs text-ink-muted">
          {source.format === "supabase"
            ? "Supabase Database Webhooks: add the header Authorization: Bearer <secret>."
            : "Sign each delivery with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)."}{" "}
          {source.previousSecretExpiresAt ? (
            <strong className="font-medium text-warning">
              The previous secret stays valid until <time dateTime={source.previousSecretExpiresAt.toISOString()}>{absolute.format(source.previousSecretExpiresAt)} UTC</time>.
            </strong>
          ) : null}
        </p>
        <SourceControls sourceId={source.id} sourceName={source.name} isActive={source.isActive} />
        <RecentDeliveries source={source} />
      </section>
    </Card>
  );
}
