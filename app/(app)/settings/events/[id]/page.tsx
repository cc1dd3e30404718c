// One stored event, as received and normalised: linked from backtests and the delivery log.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { getEvent } from "@/lib/runs/get-event";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  const event = await getEvent((await getDb()).db, session.claims, { workspaceId: session.workspace.id, eventId: id });
  if (!event) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/settings/logs" className="text-ink-muted hover:text-ink">← Logs</Link>
      </nav>
      <PageHeader title={`${event.type} · ${event.entityId}`} description={`Received ${event.receivedAt.toISOString().replace("T", " ").slice(0, 19)} UTC${event.occurredAt ? `, occurred ${event.occurredAt.toISOString().replace("T", " ").slice(0, 19)} UTC` : ""} · webhook-id ${event.externalId}`} />
      <Card className="p-4">
        <h2 className="mb-2 font-semibold text-ink">As received (normalised)</h2>
        <pre className="overflow-x-auto whitespace-pre-wrap break-all text-xs text-ink">{JSON.stringify(event.payload, null, 2)}</pre>
      </Card>
      <p className="mt-4 text-sm">
        <Link href={`/settings/logs?entity=${encodeURIComponent(event.entityId)}`} className="text-brand-700 hover:underline">Runs for {event.entityId}</Link>
      </p>
    </>
  );
}
