// Webhook sources (admins only): where CRMs send events, their secrets, what arrived lately, and the
// filterable log of every inbound delivery (filters in the URL).
import type { Metadata } from "next";
import { CreateSourceForm } from "@/components/webhooks/create-source-form";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { OutboundSecretCard } from "@/components/webhooks/outbound-secret-card";
import { SourceCard } from "@/components/webhooks/source-card";
import { Card, PageHeader } from "@/components/ui/card";
import { IgnoredFiltersNotice } from "@/components/ui/ignored-filters-notice";
import { getDb } from "@/db/next";
import { appBaseUrl } from "@/lib/app-url";
import { requireAdmin } from "@/lib/auth/session";
import { readOutboundSecret } from "@/lib/outbox/outbound-secret";
import { readDeliveryFilters } from "@/lib/webhooks/deliveries/delivery-filters";
import { listDeliveries } from "@/lib/webhooks/deliveries/list-deliveries";
import { webhookUrl } from "@/lib/webhooks/secrets";
import { listSources } from "@/lib/webhooks/sources/list-sources";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireAdmin();
  const { filters, ignored } = readDeliveryFilters(await searchParams);
  const { db } = await getDb();
  const scope = { claims: session.claims, workspaceId: session.workspace.id };
  const sources = await listSources(db, { ...scope, now: new Date() });
  const deliveries = await listDeliveries(db, { ...scope, ...filters });
  const baseUrl = appBaseUrl();
  const outbound = await readOutboundSecret(db, session.claims, session.workspace.id);
  return (
    <>
      <PageHeader
        title="Webhook sources"
        description="Your CRM posts deal, contact and activity changes to a source's URL; each event runs the automations it triggers. Headers, a curl example and Supabase setup: docs/webhooks.md in the repository."
      />
      <Card className="mb-6 p-5">
        <CreateSourceForm />
      </Card>
      <IgnoredFiltersNotice ignored={ignored} />
      <OutboundSecretCard secret={outbound.secret} rotatedAt={outbound.rotatedAt.toISOString()} />
      <DeliveryLog deliveries={deliveries} filters={filters} sources={sources.map(({ id, name }) => ({ id, name }))} />
      {sources.length === 0 ? (
        <p className="text-sm text-ink-muted">No sources yet: create one above.</p>
      ) : (
        sources.map((source) => <SourceCard key={source.id} source={source} endpointUrl={webhookUrl(baseUrl, source.id)} />)
      )}
    </>
  );
}
