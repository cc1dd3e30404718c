// POST /api/webhooks/{sourceId}, step by step, in the fixed order (STYLE.md pattern 4): source →
// content type → raw body, size-limited → signature over the raw bytes → depth check → JSON.parse →
// adapter/zod → automations by index → engine → one database call that claims the event and writes
// everything → response. The claim is the first write of that call rather than a step before the
// engine: claim and writes then share one transaction and one round trip, and a redelivery costs
// only an in-memory plan before it is recognised. Every delivery to a known source is logged;
// rejected ones one by one up to a few per second per source, then as one summary row a second.

import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { logUnexpected } from "@/lib/auth/pg-error";
import type { NormalizedEvent } from "@/lib/engine/event";
import { processEvent } from "@/lib/runs/process-event";
import { loadSource, validSecrets, type InboundSource } from "./load-source";
import { assertJsonContentType, normalizePayload, parseJsonBody } from "./parse-payload";
import { readBody } from "./read-body";
import { recordDelivery, type DeliveryLogEntry } from "./record-delivery";
import { WebhookRejection } from "./rejection";
import { RejectionSampler, REJECTIONS_LOGGED_PER_SECOND, type RejectionSummary } from "./rejection-sampler";
import { verifyBearer, verifyStandardWebhook } from "./verify-signature";

export type IngestParams = { request: Request; sourceId: string; now: Date };

type Verified = { externalId: string; event: NormalizedEvent };

const INTERNAL_ERROR = "Internal error while processing the event; nothing was recorded, and retrying is safe";

const rejections = new RejectionSampler();

/** Writes the pending summaries of suppressed rejections now (tests; the timer does it otherwise). */
export function flushRejectionSummaries(): Promise<void> {
  return rejections.flush();
}

function summaryReason({ count, firstAt, lastAt }: RejectionSummary, lastReason: string): string {
  const span = `${firstAt.toISOString()} to ${lastAt.toISOString()}`;
  return `${count} more rejected deliveries (${span}) were not logged one by one: over ${REJECTIONS_LOGGED_PER_SECOND} a second from this source. The last: ${lastReason}`;
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

function rejectionResponse(rejection: WebhookRejection): Response {
  return json(rejection.status, {
    error: rejection.message,
    code: rejection.reason,
    ...(rejection.issues ? { issues: rejection.issues } : {}),
  });
}

/**
 * Supabase Database Webhooks carry no message id: a byte-identical body is the same change
 * redelivered, so the body's hash is the idempotency key.
 */
function bodyId(raw: Uint8Array): string {
  return `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

/** Steps 2–5: authenticate the raw bytes, then parse and normalise them. */
function verifyAndParse(source: InboundSource, request: Request, raw: Uint8Array, now: Date): Verified {
  const secrets = validSecrets(source, now);
  let externalId: string;
  if (source.format === "supabase") {
    verifyBearer(request.headers, secrets);
    externalId = bodyId(raw);
  } else {
    externalId = verifyStandardWebhook({ body: raw, headers: request.headers, secrets, now });
  }
  const event = normalizePayload(source.format, parseJsonBody(raw), now);
  return { externalId, event: { ...event, id: externalId } };
}

export async function ingestWebhook(db: Db, { request, sourceId, now }: IngestParams): Promise<Response> {
  const source = await loadSource(db, sourceId);
  // Nothing to log against: the delivery log belongs to a source.
  if (!source) return json(404, { error: "No webhook source has this id", code: "unknown_source" });

  let raw: Uint8Array | null = null;
  let externalId: string | null = request.headers.get("webhook-id");
  const log = (entry: Omit<DeliveryLogEntry, "workspaceId" | "sourceId" | "externalId" | "receivedAt">) =>
    recordDelivery(db, { workspaceId: source.workspaceId, sourceId: source.id, externalId, receivedAt: now, ...entry }).catch((error: unknown) =>
      logUnexpected(`could not log a delivery to source ${source.id}`, error),
    );
  try {
    if (!source.isActive) {
      throw new WebhookRejection("forbidden", "source_disabled", "This webhook source is disabled; an admin can enable it on the Webhooks settings page");
    }
    assertJsonContentType(request.headers);
    raw = await readBody(request);
    const verified = verifyAndParse(source, request, raw, now);
    externalId = verified.externalId;
    const result = await processEvent(db, { workspaceId: source.workspaceId, sourceId: source.id, externalId, event: verified.event, now });
    // An accepted event's log line is written with the event itself.
    if (result.duplicate) {
      await log({ outcome: "duplicate", httpStatus: 200, reason: "Already received: answered with the original runs", body: null, eventId: result.eventId || null });
    }
    return json(200, { eventId: result.eventId, duplicate: result.duplicate, runs: result.runs });
  } catch (error) {
    if (error instanceof WebhookRejection) {
      const summarize = (summary: RejectionSummary) =>
        recordDelivery(db, {
          workspaceId: source.workspaceId,
          sourceId: source.id,
          externalId: null,
          receivedAt: summary.lastAt,
          outcome: "rejected",
          httpStatus: error.status,
          reason: summaryReason(summary, error.message),
          body: null,
          suppressed: summary.count,
        }).catch((failure: unknown) => logUnexpected(`could not log rejected deliveries to source ${source.id}`, failure));
      if (rejections.admit(source.id, now, summarize)) {
        await log({ outcome: "rejected", httpStatus: error.status, reason: error.message, body: raw ?? error.partialBody ?? null, issues: error.issues });
      }
      return rejectionResponse(error);
    }
    // Unexpected: logged with its cause (without drizzle's text, which lists the query's parameters).
    logUnexpected(`webhook ingestion failed for source ${source.id}`, error);
    await log({ outcome: "rejected", httpStatus: 500, reason: INTERNAL_ERROR, body: raw });
    return json(500, { error: INTERNAL_ERROR, code: "internal" });
  }
}
