// Webhook sources (admins only): where CRMs send events, their secrets, and what arrived lately.
import type { Metadata } from "next";
import { CreateSourceForm } from "@/components/webhooks/create-source-form";
import { SourceCard } from "@/components/webhooks/source-card";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireAdmin } from "@/lib/auth/session";
import { webhookUrl } from "@/lib/webhooks/secrets";
import { listSources } from "@/lib/webhooks/sources/list-sources";
import { requestBaseUrl } from "@/lib/webhooks/sources/request-base-url";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const session = await requireAdmin();
  const { db } = await getDb();
  const sources = await listSources(db, { claims: session.claims, workspaceId: session.workspace.id, now: new Date() });
  const baseUrl = await requestBaseUrl();
  return (
    <>
      <PageHeader
        title="Webhook sources"
        description="Your CRM posts deal, contact and activity changes to a source's URL; each event runs the automations it triggers. Headers, a curl example and Supabase setup: docs/webhooks.md in the repository."
      />
      <Card className="mb-6 p-5">
        <CreateSourceForm />
      </Card>
      {sources.length === 0 ? (
        <p className="text-sm text-ink-muted">No sources yet: create one above.</p>
      ) : (
        sources.map((source) => <SourceCard key={source.id} source={source} endpointUrl={webhookUrl(baseUrl, source.id)} />)
      )}
    </>
  );
}
