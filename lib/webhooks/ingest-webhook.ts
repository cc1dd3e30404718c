// POST /api/webhooks/{sourceId}, step by step, in the fixed order (STYLE.md pattern 4): source →
// content type → raw body, size-limited → signature over the raw bytes → depth check → JSON.parse →
// adapter/zod → automations by index → engine → one database call that claims the event and writes
// everything → response. The claim is the first write of that call rather than a step before the
// engine: claim and writes then share one transaction and one round trip, and a redelivery costs
// only an in-memory plan before it is recognised. Every delivery to a known source is logged
// (rejected ones one by one up to a few per second per source, then as one summary row a second),
// and every failure is answered with the documented JSON; the database waits share one deadline
// (REQUEST_DEADLINE_MS), past which the answer is 503 with Retry-After.

import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { Deadline, withDeadline } from "@/db/deadline";
import { readAgainIfLost } from "@/db/faults";
import { logUnexpected } from "@/lib/auth/pg-error";
import type { NormalizedEvent } from "@/lib/engine/event";
import { processEvent } from "@/lib/runs/process-event";
import { failureKind, failureResponse, FAILURE_ANSWERS, type FailureKind } from "./failure-answers";
import { authenticate } from "./authenticate";
import { lastKnownSource, loadSource, type InboundSource } from "./load-source";
import { assertJsonContentType, normalizeDelivery, parseJsonBody, readReplayFlag } from "./parse-payload";
import { readBody } from "./read-body";
import { recordDelivery, snippetOf, type DeliveryLogEntry } from "./record-delivery";
import { WebhookRejection } from "./rejection";
import { RejectionSampler, REJECTIONS_LOGGED_PER_SECOND, type RejectionSummary } from "./rejection-sampler";

/**
 * `onQueued`: called when the event queued outbox rows, so the route can kick the sender after its answer.
 * `origin: "test"`: set in-process by "Send test event" only, never from anything a request says.
 */
export type IngestParams = { request: Request; sourceId: string; now: Date; onQueued?: () => void; origin?: "test" };

type Verified = { externalId: string; event: NormalizedEvent; replay: boolean };
type LogEntry = Omit<DeliveryLogEntry, "workspaceId" | "sourceId" | "externalId" | "receivedAt">;

/** A delivery-log write may wait this long (it runs when something already went wrong). */
const LOG_DEADLINE_MS = 2_000;
/** Log writes left running in the background at most (during an outage each would wait for its deadline). */
const MAX_BACKGROUND_LOGS = 64;
let backgroundLogs = 0;

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
 * Steps 2–5: authenticate the raw bytes, then parse and normalise them. The idempotency key is the
 * signed message id, else the identity the adapter derives from the body; a body with neither (a
 * Supabase source without an event time column) gets a fresh id: it is never taken for a duplicate.
 */
function verifyAndParse(source: InboundSource, request: Request, raw: Uint8Array, now: Date): Verified {
  const messageId = authenticate(source, request.headers, raw, now);
  const body = parseJsonBody(raw);
  const { event, dedupeKey } = normalizeDelivery(source.format, body, { now, supabaseMapping: source.supabaseMapping });
  const externalId = messageId ?? dedupeKey ?? `undeduplicated:${randomUUID()}`;
  return { externalId, event: { ...event, id: externalId }, replay: readReplayFlag(body) };
}

/** A delivery's log line, never failing the delivery and never waiting past LOG_DEADLINE_MS. */
function logDelivery(db: Db, source: InboundSource, base: { externalId: string | null; receivedAt: Date }, entry: LogEntry): Promise<void> {
  const write = recordDelivery(db, { workspaceId: source.workspaceId, sourceId: source.id, ...base, ...entry });
  return withDeadline("delivery log", LOG_DEADLINE_MS, write).catch((error: unknown) => logUnexpected(`could not log a delivery to source ${source.id}`, error));
}

/**
 * The answer for a delivery that failed on our side, and its log line. While the database is
 * unavailable the line is written in the background (bounded): waiting for it would hold the sender.
 */
async function failed(db: Db, source: InboundSource | undefined, base: { externalId: string | null; receivedAt: Date }, error: unknown, raw: Uint8Array | null) {
  const kind: FailureKind = failureKind(error);
  if (kind === "internal") logUnexpected(`webhook ingestion failed for source ${source?.id ?? "(not loaded)"}`, error);
  if (source) {
    const answer = FAILURE_ANSWERS[kind];
    const entry: LogEntry = { outcome: "rejected", httpStatus: answer.status, reason: answer.error, body: raw };
    if (kind !== "unavailable") await logDelivery(db, source, base, entry);
    else if (backgroundLogs < MAX_BACKGROUND_LOGS) {
      backgroundLogs++;
      void logDelivery(db, source, base, entry).finally(() => backgroundLogs--);
    }
  }
  return failureResponse(kind);
}

export async function ingestWebhook(db: Db, { request, sourceId, now, onQueued, origin }: IngestParams): Promise<Response> {
  const deadline = new Deadline();
  const base = { externalId: request.headers.get("webhook-id"), receivedAt: now };
  let source: InboundSource | null;
  try {
    source = await deadline.wait("webhook source", readAgainIfLost(() => loadSource(db, sourceId)));
  } catch (error) {
    return failed(db, lastKnownSource(sourceId), base, error, null);
  }
  // Nothing to log against: the delivery log belongs to a source.
  if (!source) return json(404, { error: "No webhook source has this id", code: "unknown_source" });

  let raw: Uint8Array | null = null;
  try {
    if (!source.isActive) {
      throw new WebhookRejection("forbidden", "source_disabled", "This webhook source is disabled; an admin can enable it on the Webhooks settings page");
    }
    assertJsonContentType(request.headers);
    raw = await readBody(request);
    const verified = verifyAndParse(source, request, raw, now);
    base.externalId = verified.externalId;
    const result = await processEvent(db, {
      workspaceId: source.workspaceId,
      sourceId: source.id,
      externalId: verified.externalId,
      event: verified.event,
      now,
      deadline,
      replay: verified.replay,
      snippet: snippetOf(raw),
      origin,
      format: source.textFormat,
    });
    if (result.queued) onQueued?.();
    // An accepted event's log line is written with the event itself.
    if (result.duplicate) {
      await logDelivery(db, source, base, { outcome: "duplicate", httpStatus: 200, reason: "Already received: answered with the original runs", body: null, eventId: result.eventId || null });
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
          reason: summaryReason(summary, error.logReason()),
          body: null,
          suppressed: summary.count,
        }).catch((failure: unknown) => logUnexpected(`could not log rejected deliveries to source ${source.id}`, failure));
      if (rejections.admit(source.id, now, summarize)) {
        await logDelivery(db, source, base, { outcome: "rejected", httpStatus: error.status, reason: error.logReason(), body: raw ?? error.partialBody ?? null, issues: error.issues });
      }
      return rejectionResponse(error);
    }
    return failed(db, source, base, error, raw);
  }
}
