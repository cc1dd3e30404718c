// One sending round: claim what is due, send each row (in parallel, within a batch), record each
// attempt. Used by the in-process loop, the after-response kick and POST /api/cron/dispatch alike.
// Everything it depends on (clock, randomness, HTTP client, mailer) comes in, so tests drive the
// retry schedule with a clock of their own and never wait.

import type { Dispatcher } from "undici";
import type { Db } from "@/db/client";
import { MAX_CONSECUTIVE_FAILURES } from "@/lib/runs/record-event";
import { urlPolicyProblem, type OutboundPolicy } from "./address-policy";
import { claimDue, type ClaimedRow } from "./claim-due";
import { deliverEmail, type EmailPayload, type Mailer } from "./deliver-email";
import { deliverWebhook, type WebhookPayload } from "./deliver-webhook";
import { getOutboundSecret } from "./outbound-secret";
import { recordAttempts, type RecordAttemptParams } from "./record-attempt";
import { nextRetryDelay } from "./retry-schedule";
import type { AttemptResult } from "./types";

export type SenderDeps = {
  now: () => Date;
  /** In [0, 1): the jitter of retry waits. */
  random: () => number;
  dispatcher: Dispatcher;
  /** Null: no SMTP server configured, emails go to the mailbox. */
  mailer: Mailer | null;
  mailFrom: string;
  policy: OutboundPolicy;
  timeoutMs: number;
  leaseMs: number;
  worker: string;
  batchSize: number;
  appUrl: string;
};

export type DispatchSummary = { claimed: number; sent: number; retrying: number; failed: number; kept: number };

/** Rounds of claims per call at most, so one call (a cron request) always ends. */
const MAX_BATCHES = 20;

export function emptySummary(): DispatchSummary {
  return { claimed: 0, sent: 0, retrying: 0, failed: 0, kept: 0 };
}

function refused(error: string): AttemptResult {
  return { outcome: "failed", statusCode: null, error, snippet: null, latencyMs: 0, retryAfterMs: null };
}

/** Each workspace's secret, read once per call. */
type Secrets = Map<string, Promise<string>>;

async function attempt(db: Db, deps: SenderDeps, secrets: Secrets, row: ClaimedRow, now: Date): Promise<AttemptResult> {
  if (row.kind === "email") {
    if (!deps.mailer) return { outcome: "kept", statusCode: null, error: null, snippet: null, latencyMs: 0, retryAfterMs: null };
    return deliverEmail(deps.mailer, deps.mailFrom, row.payload as EmailPayload);
  }
  const payload = row.payload as WebhookPayload;
  // Saved before a rule tightened, or edited outside the form: checked again before every attempt.
  const problem = urlPolicyProblem(payload.url, deps.policy);
  if (problem) return refused(problem);
  if (!secrets.has(row.workspaceId)) secrets.set(row.workspaceId, getOutboundSecret(db, row.workspaceId));
  const secret = await secrets.get(row.workspaceId)!;
  return deliverWebhook({ payload, messageId: row.messageId, secret, now, dispatcher: deps.dispatcher, timeoutMs: deps.timeoutMs });
}

/** Sends one row; what to record about it. */
async function sendOne(db: Db, deps: SenderDeps, secrets: Secrets, row: ClaimedRow): Promise<RecordAttemptParams> {
  const startedAt = deps.now();
  let result: AttemptResult;
  try {
    result = await attempt(db, deps, secrets, row, startedAt);
  } catch (error) {
    console.error(`outbox row ${row.id}: unexpected error while sending`, error);
    result = { outcome: "retry", statusCode: null, error: "Internal error while sending", snippet: null, latencyMs: 0, retryAfterMs: null };
  }
  const now = deps.now();
  return {
    row,
    result,
    startedAt,
    now,
    worker: deps.worker,
    retryDelayMs: result.outcome === "retry" ? nextRetryDelay(row.attempt, result.retryAfterMs, deps.random()) : null,
    failure: { maxFailures: MAX_CONSECUTIVE_FAILURES, appUrl: deps.appUrl },
    email: row.kind === "email" ? (row.payload as EmailPayload) : undefined,
  };
}

export async function dispatchDue(db: Db, deps: SenderDeps): Promise<DispatchSummary> {
  const summary = emptySummary();
  const secrets: Secrets = new Map();
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await claimDue(db, { now: deps.now(), leaseMs: deps.leaseMs, limit: deps.batchSize, worker: deps.worker });
    summary.claimed += rows.length;
    if (rows.length === 0) break;
    const attempts = await Promise.all(rows.map((row) => sendOne(db, deps, secrets, row)));
    const states = await recordAttempts(db, attempts).catch((error: unknown) => {
      // Left 'sending': claimed again when their leases end.
      console.error("could not record a batch of outbox attempts", error);
      return [];
    });
    for (const state of states) {
      if (state === "sent") summary.sent++;
      else if (state === "kept") summary.kept++;
      else if (state === "retrying") summary.retrying++;
      else if (state === "failed") summary.failed++;
    }
    if (rows.length < deps.batchSize) break;
  }
  return summary;
}
