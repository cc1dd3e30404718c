// A retry's writes, in one transaction on the service path (the caller checked the reader may see
// the run): claim the run, record the attempt (and the original one on the first retry), detach
// earlier effects of actions that run again, insert the new effects, and update each action.

import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations, notifications, outbox, runActions, runAttempts } from "@/db/schema";
import type { Tx } from "@/db/with-user";
import type { EffectBatch } from "@/lib/actions/types";
import { AppError } from "@/lib/result";
import type { RetryPlan, StoredAction } from "./retry-plan";
import type { ActionRecord } from "./run-automations";

export type RetryWrite = {
  workspaceId: string;
  userId: string;
  now: Date;
  run: { id: string; automationId: string; version: number; retryCount: number; error: string | null; createdAt: Date };
  stored: StoredAction[];
  /** How many attempts were recorded before this one (0: never retried). */
  attempts: number;
  plan: RetryPlan;
  records: ActionRecord[];
  effects: EffectBatch;
  outcome: { status: "succeeded" | "failed"; error: string | null };
};

/** Inserts queued effects; their unique keys make a repeated write harmless. */
export async function writeEffects(tx: Tx, workspaceId: string, effects: EffectBatch): Promise<void> {
  if (effects.activities.length > 0) {
    await tx.insert(activities).values(effects.activities.map((a) => ({ ...a, workspaceId }))).onConflictDoNothing();
  }
  if (effects.notifications.length > 0) {
    await tx.insert(notifications).values(effects.notifications.map((n) => ({ ...n, workspaceId, kind: "action" as const }))).onConflictDoNothing();
  }
  if (effects.outbox.length > 0) {
    await tx.insert(outbox).values(effects.outbox.map((o) => ({ ...o, workspaceId }))).onConflictDoNothing();
  }
}

/** An earlier attempt's effect at an index that runs again stays, as that attempt's, no longer tied to the action. */
async function detachEffects(tx: Tx, runId: string, indexes: number[]): Promise<void> {
  if (indexes.length === 0) return;
  await tx.update(activities).set({ actionIndex: null }).where(and(eq(activities.runId, runId), inArray(activities.actionIndex, indexes)));
  await tx.update(notifications).set({ actionIndex: null }).where(and(eq(notifications.runId, runId), inArray(notifications.actionIndex, indexes)));
  await tx.update(outbox).set({ actionIndex: null }).where(and(eq(outbox.runId, runId), inArray(outbox.actionIndex, indexes)));
}

async function recordAttempts(tx: Tx, write: RetryWrite): Promise<void> {
  const { run, plan } = write;
  const rows: (typeof runAttempts.$inferInsert)[] = [];
  if (write.attempts === 0) {
    rows.push({
      runId: run.id,
      workspaceId: write.workspaceId,
      attempt: 1,
      automationVersion: run.version,
      mode: "original",
      status: "failed",
      error: run.error,
      actions: write.stored.map((a) => ({ index: a.index, type: a.type, status: a.status })),
      createdAt: run.createdAt,
    });
  }
  const ran = new Map(write.records.map((r) => [r.index, r.status]));
  const actions = plan.steps.map((s) => ({ index: s.index, type: s.type, status: s.what === "keep" ? "kept" : (ran.get(s.index) ?? "skipped") }));
  for (const dropped of plan.dropped) actions.push({ index: dropped.index, type: dropped.type, status: "dropped" });
  rows.push({
    runId: run.id,
    workspaceId: write.workspaceId,
    attempt: Math.max(write.attempts, 1) + 1,
    automationVersion: plan.version,
    mode: plan.mode,
    status: write.outcome.status,
    error: write.outcome.error,
    actions,
    retriedBy: write.userId,
    createdAt: write.now,
  });
  await tx.insert(runAttempts).values(rows);
}

async function writeActions(tx: Tx, write: RetryWrite): Promise<void> {
  const existing = new Set(write.stored.map((a) => a.index));
  for (const record of write.records) {
    const fields = {
      status: record.status,
      output: record.output,
      error: record.error,
      config: record.status === "failed" || record.status === "skipped" ? (record.config ?? null) : null,
      finishedAt: record.finishedAt,
    };
    if (existing.has(record.index)) {
      await tx
        .update(runActions)
        .set({ ...fields, type: record.type, attempts: sql`${runActions.attempts} + 1` })
        .where(and(eq(runActions.runId, write.run.id), eq(runActions.actionIndex, record.index)));
    } else {
      await tx.insert(runActions).values({ ...fields, workspaceId: write.workspaceId, runId: write.run.id, actionIndex: record.index, type: record.type });
    }
  }
}

export async function writeRetry(db: Db, write: RetryWrite): Promise<void> {
  const { run, plan, outcome } = write;
  await db.transaction(async (tx) => {
    // The claim: a concurrent retry of the same run read the same retry_count, and only one wins.
    const claimed = await tx
      .update(automationRuns)
      .set({
        retryCount: sql`${automationRuns.retryCount} + 1`,
        status: outcome.status,
        error: outcome.error,
        finishedAt: write.now,
        automationVersion: plan.version,
        ...(plan.trace ? { trace: plan.trace } : {}),
      })
      .where(and(eq(automationRuns.id, run.id), eq(automationRuns.status, "failed"), eq(automationRuns.retryCount, run.retryCount)))
      .returning({ id: automationRuns.id });
    if (claimed.length === 0) throw new AppError("conflict", "This run was just retried by someone else. Reload to see its result.");
    await recordAttempts(tx, write);
    // Only where an earlier attempt succeeded (a changed action running again); a failed action's
    // effects keep their key, so a replayed retry still inserts nothing twice.
    const succeeded = new Set(write.stored.filter((a) => a.status === "succeeded" || a.status === "pending").map((a) => a.index));
    await detachEffects(tx, run.id, plan.toRun.flatMap((action) => (action && succeeded.has(action.index) ? [action.index] : [])));
    await writeEffects(tx, write.workspaceId, write.effects);
    await writeActions(tx, write);
    if (outcome.status === "succeeded") {
      await tx.update(automations).set({ consecutiveFailures: 0 }).where(and(eq(automations.id, run.automationId), ne(automations.consecutiveFailures, 0)));
    }
  });
}
