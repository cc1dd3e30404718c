// Retrying a failed run: only its failed actions, and the ones skipped after the failure, run again,
// under the run's own id and the actions' own indexes, so the effects' unique keys
// ((run_id, action_index[, user_id]), inserted with ON CONFLICT DO NOTHING) make a repeated retry
// harmless. Visibility is the user's (row-level security decides, unseen = not found); the writes
// are the service path's, scoped to that one run, in one transaction.
//
// What runs: when the automation is still at the run's version, the stored event is planned again
// (templates see the members as they are now, e.g. a fixed CRM id); when it has changed since, the
// config rendered when the run was planned (run_actions.config, kept for actions that did not
// succeed) runs as it was, so a retry never runs half an old and half a new definition.
// A retry is the user's own act: it neither extends the failure streak nor sends failure alerts
// (the result is on their screen); a retry that succeeds does end the streak.

import type { FieldCatalog } from "@/lib/automations/field-catalog";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations, events, notifications, outbox, runActions } from "@/db/schema";
import { withUser, type Tx, type UserClaims } from "@/db/with-user";
import { invalidateWorkspaceDirectory, loadWorkspaceDirectory } from "@/lib/actions/load-workspace-directory";
import { emptyEffects, type ActionContext, type EffectBatch } from "@/lib/actions/types";
import type { NormalizedEvent } from "@/lib/engine/event";
import { evaluateAutomation, type PlannedAction } from "@/lib/engine/plan";
import { AppError } from "@/lib/result";
import { runNotFound } from "./get-run-detail";
import { ownerInfo } from "./process-event";
import { actionLabel, runActions as executeActions, SKIPPED_REASON, type ActionRecord } from "./run-automations";

export type RetryRunParams = { workspaceId: string; runId: string; now: Date };

export type RetryOutcome = { runId: string; status: "succeeded" | "failed"; error: string | null; retriedActions: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RETRYABLE = new Set(["failed", "skipped"]);

type StoredAction = { index: number; type: string; status: string; config: unknown };

async function assertVisible(db: Db, claims: UserClaims, params: RetryRunParams): Promise<void> {
  const visible = await withUser(db, claims, (tx) =>
    tx
      .select({ id: automationRuns.id })
      .from(automationRuns)
      .where(and(eq(automationRuns.id, params.runId), eq(automationRuns.workspaceId, params.workspaceId)))
      .limit(1),
  );
  if (visible.length === 0) throw runNotFound();
}

async function loadRun(db: Db, params: RetryRunParams) {
  const [run] = await db
    .select({
      id: automationRuns.id,
      status: automationRuns.status,
      retryCount: automationRuns.retryCount,
      version: automationRuns.automationVersion,
      eventId: automationRuns.eventId,
      automationId: automations.id,
      automationName: automations.name,
      ownerId: automations.ownerId,
      currentVersion: automations.version,
      trigger: automations.trigger,
      conditions: automations.conditions,
      actions: automations.actions,
      deletedAt: automations.deletedAt,
      payload: events.payload,
      origin: events.origin,
    })
    .from(automationRuns)
    .innerJoin(automations, eq(automations.id, automationRuns.automationId))
    .innerJoin(events, eq(events.id, automationRuns.eventId))
    .where(and(eq(automationRuns.id, params.runId), eq(automationRuns.workspaceId, params.workspaceId)))
    .limit(1);
  if (!run) throw runNotFound();
  const stored: StoredAction[] = await db
    .select({ index: runActions.actionIndex, type: runActions.type, status: runActions.status, config: runActions.config })
    .from(runActions)
    .where(eq(runActions.runId, run.id))
    .orderBy(runActions.actionIndex);
  return { run, stored };
}

type LoadedRun = Awaited<ReturnType<typeof loadRun>>["run"];

/** The actions to run again, as planned now (same version) or as stored (changed since); null = no plan kept. */
type RetryScope = { event: NormalizedEvent; owner: ReturnType<typeof ownerInfo>; now: Date; catalog: FieldCatalog };

function planRetry(run: LoadedRun, toRetry: StoredAction[], { event, owner, now, catalog }: RetryScope): (PlannedAction | null)[] {
  const replanned = new Map<number, PlannedAction>();
  if (run.currentVersion === run.version) {
    const engineAutomation = { id: run.automationId, version: run.currentVersion, name: run.automationName, ownerId: run.ownerId, trigger: run.trigger, conditions: run.conditions, actions: run.actions, isActive: true };
    const evaluation = evaluateAutomation(event, engineAutomation, now, { owner, catalog });
    if (evaluation.status === "pending") for (const action of evaluation.actions) replanned.set(action.index, action);
  }
  return toRetry.map((stored) => {
    const planned = replanned.get(stored.index);
    if (planned) return planned;
    const config = stored.config && typeof stored.config === "object" ? (stored.config as Record<string, unknown>) : null;
    return config ? { index: stored.index, type: stored.type, config, missing: [] } : null;
  });
}

const NO_PLAN = "This action's plan was not kept and the automation has changed since, so it cannot be run as it was planned";

/** Executes in order; an action without a plan fails like any other (and skips the rest). */
function execute(ctx: ActionContext, planned: (PlannedAction | null)[], stored: StoredAction[], now: Date): ActionRecord[] {
  const gap = planned.indexOf(null);
  const runnable = (gap === -1 ? planned : planned.slice(0, gap)) as PlannedAction[];
  const { records, error } = executeActions(ctx, runnable, () => now);
  if (gap === -1) return records;
  stored.slice(gap).forEach((action, i) => {
    const first = i === 0 && !error;
    records.push({
      index: action.index,
      type: action.type,
      status: first ? "failed" : "skipped",
      output: first ? null : { reason: SKIPPED_REASON },
      error: first ? NO_PLAN : null,
      config: planned[gap + i]?.config ?? null,
      finishedAt: now,
    });
  });
  return records;
}

/** Succeeded when every action now succeeded (or is queued); else failed with the first new failure. */
function finalStatus(records: ActionRecord[]): { status: "succeeded" | "failed"; error: string | null } {
  const failed = records.find((record) => record.status === "failed");
  return failed ? { status: "failed", error: `${actionLabel(failed)}: ${failed.error}` } : { status: "succeeded", error: null };
}

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

/** Retries one failed run the reader can see; throws not_found, or conflict when it is not retryable. */
export async function retryRun(db: Db, claims: UserClaims, params: RetryRunParams): Promise<RetryOutcome> {
  if (!UUID.test(params.runId)) throw runNotFound();
  await assertVisible(db, claims, params);
  const { run, stored } = await loadRun(db, params);
  if (run.status !== "failed") throw new AppError("conflict", `Only failed runs can be retried; this one ${run.status}.`);
  if (run.deletedAt) throw new AppError("conflict", "This automation was deleted, so its runs can no longer be retried.");
  const toRetry = stored.filter((action) => RETRYABLE.has(action.status));
  if (toRetry.length === 0) {
    throw new AppError("conflict", "This run failed before any action ran: fix the automation, and the next event will run it.");
  }

  // Fresh, not the ingest cache: the point of a retry is usually that someone just fixed a member.
  invalidateWorkspaceDirectory(params.workspaceId);
  const { users } = await loadWorkspaceDirectory(db, params.workspaceId);
  const event = run.payload as NormalizedEvent;
  const catalog = await getFieldCatalog(db, params.workspaceId);
  const planned = planRetry(run, toRetry, { event, owner: ownerInfo(users, event), now: params.now, catalog });
  const effects = emptyEffects();
  const ctx: ActionContext = {
    now: params.now,
    workspaceId: params.workspaceId,
    eventId: run.eventId,
    event,
    automation: { id: run.automationId, name: run.automationName, ownerId: run.ownerId },
    runId: run.id,
    users,
    effects,
    // A test event's retried email or webhook is still not sent.
    testEvent: run.origin === "test",
  };
  const records = execute(ctx, planned, toRetry, params.now);
  const outcome = finalStatus(records);

  await db.transaction(async (tx) => {
    // The claim: a concurrent retry of the same run read the same retry_count, and only one wins.
    const claimed = await tx
      .update(automationRuns)
      .set({ retryCount: sql`${automationRuns.retryCount} + 1`, status: outcome.status, error: outcome.error, finishedAt: params.now })
      .where(and(eq(automationRuns.id, run.id), eq(automationRuns.status, "failed"), eq(automationRuns.retryCount, run.retryCount)))
      .returning({ id: automationRuns.id });
    if (claimed.length === 0) throw new AppError("conflict", "This run was just retried by someone else. Reload to see its result.");
    await writeEffects(tx, params.workspaceId, effects);
    for (const record of records) {
      await tx
        .update(runActions)
        .set({
          status: record.status,
          attempts: sql`${runActions.attempts} + 1`,
          output: record.output,
          error: record.error,
          config: record.status === "failed" || record.status === "skipped" ? (record.config ?? null) : null,
          finishedAt: record.finishedAt,
        })
        .where(and(eq(runActions.runId, run.id), eq(runActions.actionIndex, record.index), inArray(runActions.status, ["failed", "skipped"])));
    }
    if (outcome.status === "succeeded") {
      await tx.update(automations).set({ consecutiveFailures: 0 }).where(and(eq(automations.id, run.automationId), ne(automations.consecutiveFailures, 0)));
    }
  });
  return { runId: run.id, status: outcome.status, error: outcome.error, retriedActions: records.length };
}

export type BulkRetryResult = { runId: string; ok: true; status: "succeeded" | "failed"; error: string | null } | { runId: string; ok: false; error: string };

export const MAX_BULK_RETRY = 50;

/** Retries several runs one after the other; each one's outcome is reported, one refusal stops none. */
export async function retryRuns(db: Db, claims: UserClaims, params: { workspaceId: string; runIds: readonly string[]; now: Date }): Promise<BulkRetryResult[]> {
  const ids = [...new Set(params.runIds)];
  if (ids.length > MAX_BULK_RETRY) throw new AppError("invalid_input", `Retry at most ${MAX_BULK_RETRY} runs at a time.`);
  const results: BulkRetryResult[] = [];
  for (const runId of ids) {
    try {
      const outcome = await retryRun(db, claims, { workspaceId: params.workspaceId, runId, now: params.now });
      results.push({ runId, ok: true, status: outcome.status, error: outcome.error });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ runId, ok: false, error: error.message });
    }
  }
  return results;
}
