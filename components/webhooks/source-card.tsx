import { Badge, Card } from "@/components/ui/card";
import type { PayloadFormat } from "@/lib/webhooks/adapters/types";
import type { SourceSummary } from "@/lib/webhooks/sources/list-sources";
import { BasicCredentials } from "./basic-credentials";
import { CopyButton } from "./copy-button";
import Link from "next/link";
import { SecretField } from "./secret-field";
import { SourceControls } from "./source-controls";
import { SupabaseMappingForm } from "./supabase-mapping-form";

const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Per format: its badge, how the CRM authenticates, and what the rotate button renews. */
const FORMATS: Record<PayloadFormat, { label: string; howTo: string; secretName: string }> = {
  native: { label: "Native", howTo: "Sign each delivery with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).", secretName: "secret" },
  supabase: { label: "Supabase", howTo: "Supabase Database Webhooks: add the header Authorization: Bearer <secret>.", secretName: "secret" },
  pipedrive: {
    label: "Pipedrive",
    howTo: "In Pipedrive (Tools and apps → Webhooks), create a webhook for deal, person, organization or activity with this URL, version 2.0, and this HTTP auth user name and password.",
    secretName: "password",
  },
};

function Credentials({ source }: { source: SourceSummary }) {
  if (source.format === "pipedrive" && source.basicUsername) {
    return <BasicCredentials sourceId={source.id} sourceName={source.name} username={source.basicUsername} password={source.secret} />;
  }
  return <SecretField secret={source.secret} sourceName={source.name} />;
}

function SupabaseMapping({ source }: { source: SourceSummary }) {
  if (!source.supabaseMapping) return null;
  const eventTime = source.supabaseMapping.columns.eventTime;
  return (
    <div className="space-y-2">
      <p className={`text-sm ${eventTime ? "text-ink-muted" : "font-medium text-warning"}`}>
        {eventTime
          ? `Deliveries are deduplicated on the primary key and ${eventTime}: a change sent twice runs once.`
          : "Not deduplicated: name an event time column (such as updated_at, kept current by a trigger) so a change sent twice runs once."}
      </p>
      <SupabaseMappingForm sourceId={source.id} sourceName={source.name} mapping={source.supabaseMapping} initiallyOpen={!eventTime} />
    </div>
  );
}

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

/** One webhook source: where to send, how to authenticate, what to do with it, and what arrived lately. */
export function SourceCard({ source, endpointUrl }: { source: SourceSummary; endpointUrl: string }) {
  const headingId = `source-${source.id}`;
  const format = FORMATS[source.format];
  return (
    <Card className="mb-6 p-5">
      <section aria-labelledby={headingId} className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={headingId} className="text-lg font-semibold text-ink">
            {source.name}
          </h2>
          <Badge tone="info">{format.label}</Badge>
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
        <Credentials source={source} />
        <p className="text-xs text-ink-muted">
          {format.howTo}{" "}
          {source.previousSecretExpiresAt ? (
            <strong className="font-medium text-warning">
              The previous {format.secretName} stays valid until <time dateTime={source.previousSecretExpiresAt.toISOString()}>{absolute.format(source.previousSecretExpiresAt)} UTC</time>.
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
        <SourceControls sourceId={source.id} sourceName={source.name} isActive={source.isActive} secretName={format.secretName} />
        <SupabaseMapping source={source} />
        <RecentDeliveries source={source} />
      </section>
    </Card>
  );
}
