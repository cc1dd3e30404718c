import { Badge, Card } from "@/components/ui/card";
import type { SourceSummary } from "@/lib/webhooks/sources/list-sources";
import { CopyButton } from "./copy-button";
import { DeliveriesTable } from "./deliveries-table";
import { SecretField } from "./secret-field";
import { SourceControls } from "./source-controls";

const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

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
          {source.olderSecretsExpireAt.length > 0 ? (
            <strong className="font-medium text-warning">
              {" "}
              {source.olderSecretsExpireAt.length === 1 ? "An older secret stays" : `${source.olderSecretsExpireAt.length} older secrets stay`} valid until{" "}
              {source.olderSecretsExpireAt.map((at, index) => (
                <span key={at.toISOString()}>
                  {index > 0 ? ", " : ""}
                  <time dateTime={at.toISOString()}>{absolute.format(at)} UTC</time>
                </span>
              ))}
              .
            </strong>
          ) : null}
        </p>
        <SourceControls sourceId={source.id} sourceName={source.name} isActive={source.isActive} />
        <div>
          <h3 className="mb-2 text-sm font-semibold text-ink">Recent deliveries</h3>
          <DeliveriesTable deliveries={source.deliveries} sourceName={source.name} />
        </div>
      </section>
    </Card>
  );
}
