// Writes what the attempts of one batch came to, in one transaction (one commit per batch, not
// per row: on the embedded database every commit is a flush on the server's own thread), each row
// in its own savepoint so one row's error loses only that row's record: the attempt record, the
// outbox row's new state (sent, kept in the mailbox, due again later, or failed), and the action it
// serves. A delivery that finally failed fails its run through app.record_delivery_failure
// (drizzle/0018), which counts toward auto-disable and alerts exactly as a local failure does. A
// row is only updated while this worker still holds its claim: past the lease another worker owns it.

import { and, eq, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Tx } from "@/db/with-user";
import { automationRuns, mailboxMessages, outbox, outboxAttempts, runActions } from "@/db/schema";
import type { ClaimedRow } from "./claim-due";
import type { AttemptResult } from "./types";

export const NO_SMTP_REASON = "not delivered: no SMTP server configured";

export type FinalState = "sent" | "kept" | "retrying" | "failed";

export type RecordAttemptParams = {
  row: ClaimedRow;
  result: AttemptResult;
  startedAt: Date;
  now: Date;
  worker: string;
  /** Wait before the next attempt; null when none is left (a retryable result then fails for good). */
  retryDelayMs: number | null;
  failure: { maxFailures: number; appUrl: string };
  /** For a kept email: what the mailbox shows. */
  email?: { to: string; subject: string; body: string };
};

function finalState(result: AttemptResult, retryDelayMs: number | null): FinalState {
  if (result.outcome === "delivered") return "sent";
  if (result.outcome === "kept") return "kept";
  if (result.outcome === "retry" && retryDelayMs !== null) return "retrying";
  return "failed";
}

const OUTBOX_STATUS = { sent: "sent", kept: "skipped", retrying: "pending", failed: "failed" } as const;

/** Each row's state written, or null when its claim had been lost or its record failed (nothing written). */
export async function recordAttempts(db: Db, list: readonly RecordAttemptParams[]): Promise<(FinalState | null)[]> {
  if (list.length === 0) return [];
  return db.transaction(async (tx) => {
    const states: (FinalState | null)[] = [];
    for (const params of list) {
      states.push(
        await tx.transaction((savepoint) => recordAttempt(savepoint, params)).catch((error: unknown) => {
          // Left 'sending': claimed again when its lease ends.
          console.error(`outbox row ${params.row.id}: could not record the attempt`, error);
          return null;
        }),
      );
    }
    return states;
  });
}

async function recordAttempt(tx: Tx, params: RecordAttemptParams): Promise<FinalState | null> {
  const { row, result, now } = params;
  const state = finalState(result, params.retryDelayMs);
  const error = state === "kept" ? NO_SMTP_REASON : state === "failed" && result.outcome === "retry" ? `${result.error} (no attempts left)` : result.error;
  const updated = await tx
    .update(outbox)
    .set({
      status: OUTBOX_STATUS[state],
      lastError: error,
      sentAt: state === "sent" ? now : null,
      nextAttemptAt: state === "retrying" ? new Date(now.getTime() + params.retryDelayMs!) : now,
      lockedUntil: null,
      lockedBy: null,
    })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, "sending"), eq(outbox.lockedBy, params.worker)))
    .returning({ id: outbox.id });
  if (updated.length === 0) return null;
  await tx.insert(outboxAttempts).values({
    outboxId: row.id,
    workspaceId: row.workspaceId,
    attempt: row.attempt,
    startedAt: params.startedAt,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
    outcome: state === "kept" ? "kept" : state === "sent" ? "delivered" : state === "retrying" ? "retry" : "failed",
    error,
    responseSnippet: result.snippet,
  });
  if (state === "kept" && params.email) {
    await tx
      .insert(mailboxMessages)
      .values({ workspaceId: row.workspaceId, outboxId: row.id, runId: row.runId, to: params.email.to, subject: params.email.subject, text: params.email.body, reason: NO_SMTP_REASON, createdAt: now })
      .onConflictDoNothing();
  }
  if (row.runId === null || row.actionIndex === null) return state;
  const action = and(eq(runActions.runId, row.runId), eq(runActions.actionIndex, row.actionIndex));
  if (state === "retrying") {
    await tx.update(runActions).set({ attempts: row.attempt, error }).where(action);
    return state;
  }
  const actionStatus = state === "sent" ? "succeeded" : state === "kept" ? "skipped" : "failed";
  await tx.update(runActions).set({ status: actionStatus, attempts: row.attempt, error: state === "sent" ? null : error, finishedAt: now }).where(action);
  if (state === "sent") {
    // A delivery sent again by hand after it failed: its run is a success again once nothing else failed.
    await tx
      .update(automationRuns)
      .set({ status: "succeeded", error: null })
      .where(
        and(
          eq(automationRuns.id, row.runId),
          eq(automationRuns.status, "failed"),
          notExists(tx.select({ one: sql`1` }).from(runActions).where(and(eq(runActions.runId, row.runId), eq(runActions.status, "failed")))),
        ),
      );
  }
  if (state === "failed") {
    const f = params.failure;
    await tx.execute(sql`select app.record_delivery_failure(${JSON.stringify({
      run_id: row.runId,
      error: `Action ${row.actionIndex + 1} could not be delivered: ${error}`,
      now: now.toISOString(),
      max_failures: f.maxFailures,
      app_url: f.appUrl,
    })}::jsonb)`);
  }
  return state;
}
