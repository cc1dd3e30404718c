// POST /api/webhooks/{sourceId}: inbound CRM events (DESIGN.md "Inbound webhook contract").
//
// next.config.ts rewrites /api/webhooks/{sourceId} to this static route, which reads the source id
// from the request's own path (a rewrite keeps it). A dynamic [sourceId] segment would cost the
// whole server latency: Next.js caches each request's params promise in a module-wide WeakMap
// whose key the promise itself resolves to, and that promise holds the request's async context.
// V8's young-generation collections cannot free such an entry, so every request's state there
// lives on until a full mark-compact: about 18 KB more promoted per request, measured, and a
// mark-compact pause every few seconds under load (README "Benchmarks").
import { kickAfterResponse } from "@/lib/outbox/kick-after-response";
import { ingestWebhook } from "@/lib/webhooks/ingest-webhook";
import { routeDb } from "@/lib/webhooks/route-db";

const PATH = /^\/api\/webhooks\/([^/]+)$/;

/** The {sourceId} segment of /api/webhooks/{sourceId}, decoded; "" for any other path (no source has that id). */
function sourceIdFromPath(pathname: string): string {
  const segment = PATH.exec(pathname)?.[1];
  if (!segment) return "";
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}

export async function POST(request: Request): Promise<Response> {
  // The one clock of this delivery: signature tolerance, receipt time and due dates all read it.
  const now = new Date();
  const sourceId = sourceIdFromPath(new URL(request.url).pathname);
  // The service connection (not getDb: a POST handler is never prerendered, and tests call this directly).
  const { db } = await routeDb();
  // An event that queued an email or webhook has it sent right after this answer, not in it.
  return ingestWebhook(db, { request, sourceId, now, onQueued: kickAfterResponse });
}
