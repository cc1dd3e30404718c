// POST /api/webhooks/{sourceId}: inbound CRM events (DESIGN.md "Inbound webhook contract").
import { ingestWebhook } from "@/lib/webhooks/ingest-webhook";
import { routeDb } from "@/lib/webhooks/route-db";

export async function POST(request: Request, { params }: { params: Promise<{ sourceId: string }> }): Promise<Response> {
  // The one clock of this delivery: signature tolerance, receipt time and due dates all read it.
  const now = new Date();
  const { sourceId } = await params;
  // The service connection (not getDb: a POST handler is never prerendered, and tests call this directly).
  const { db } = await routeDb();
  return ingestWebhook(db, { request, sourceId, now });
}
