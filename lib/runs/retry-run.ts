// Retrying a failed run, "as it ran" or "with the current version" (retry-plan.ts decides what
// runs). Actions run under the run's own id and their own indexes, so the effects' unique keys
// ((run_id, action_index[, user_id]), inserted with ON CONFLICT DO NOTHING) make a repeated retry
// harmless; an action that runs again where an earlier attempt left an effect first detaches that
// effect from the index (it stays, as the earlier attempt's). Visibility is the user's (row-level
// security decides, unseen = not found); the writes are the service path's, scoped to that one run,
// in one transaction, with each attempt and its version recorded in run_attempts.
// A retry is the user's own act: it neither extends the failure streak nor sends failure alerts;
// a retry that succeeds does end the streak.

import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, automations, automationVersions, events, runActions, runAttempts } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { invalidateWorkspaceDirectory, loadWorkspaceDirectory } from "@/lib/actions/load-workspace-directory";
import { emptyEffects, type ActionContext } from "@/lib/actions/types";
import { definitionOf, type AutomationDefinition } from "@/lib/automations/definition";
import type { NormalizedEvent } from "@/lib/engine/event";
import type { PlannedAction } from "@/lib/engine/plan";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { AppError } from "@/lib/result";
import { workspaceTextFormat } from "@/lib/workspaces/workspace-settings";
import { runNotFound } from "./get-run-detail";
import { planRetry, NO_PLAN, type RetryMode, type RetryPlan, type RetryStep, type StoredAction } from "./retry-plan";
import { writeRetry } from "./retry-writes";
import { actionLabel, runActions as executeActions, SKIPPED_REASON, type ActionRecord } from "./run-automations";

export type { RetryMode } from "./retry-plan";

export type RetryRunParams = { workspaceId: string; runId: string; now: Date; mode?: RetryMode };

export type RetryOutcome = { runId: string; status: "succeeded" | "failed"; error: string | null; retriedActions: number; version: number };

/** What the confirmation shows for one run. */
export type RetryPreview = {
  runId: string;
  automationName: string;
  entityId: string;
  ranVersion: number;
  currentVersion: number;
  mode: RetryMode;
  version: number;
  steps: RetryStep[];
  blocked: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DONE = new Set(["succeeded", "pending"]);

async function assertVisible(db: Db, claims: UserClaims, params: RetryRunParams): Promise<void> {
  if (!UUID.test(params.runId)) throw runNotFound();
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
      error: automationRuns.error,
      retryCount: automationRuns.retryCount,
      version: automationRuns.automationVersion,
      entityId: automationRuns.entityId,
      eventId: automationRuns.eventId,
      createdAt: automationRuns.createdAt,
      automationId: automations.id,
      automationName: automations.name,
      description: automations.description,
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
    .orderBy(asc(runActions.actionIndex));
  const attempts = await db
    .select({ attempt: runAttempts.attempt, version: runAttempts.automationVersion, actions: runAttempts.actions })
    .from(runAttempts)
    .where(eq(runAttempts.runId, run.id))
    .orderBy(asc(runAttempts.attempt));
  return { run, stored, attempts };
}

type Loaded = Awaited<ReturnType<typeof loadRun>>;
export type LoadedRun = Loaded["run"];

/** The version each action last succeeded with: from the attempts when the run was retried, else the run's. */
function succeededWith(loaded: Loaded): Map<number, number> {
  const map = new Map<number, number>();
  if (loaded.attempts.length === 0) {
    for (const action of loaded.stored) if (DONE.has(action.status)) map.set(action.index, loaded.run.version);
    return map;
  }
  for (const attempt of loaded.attempts) {
    for (const action of (attempt.actions ?? []) as { index: number; status: string }[]) {
      if (DONE.has(action.status)) map.set(action.index, attempt.version);
    }
  }
  return map;
}

async function loadVersions(db: Db, automationId: string, wanted: number[]): Promise<Map<number, AutomationDefinition>> {
  const rows = await db
    .select({ version: automationVersions.version, name: automationVersions.name, description: automationVersions.description, trigger: automationVersions.trigger, conditions: automationVersions.conditions, actions: automationVersions.actions })
    .from(automationVersions)
    .where(and(eq(automationVersions.automationId, automationId), inArray(automationVersions.version, [...new Set(wanted)])));
  return new Map(rows.map(({ version, ...row }) => [version, definitionOf(row)]));
}

/** Loads and plans one run's retry; refuses what cannot be retried at all. */
async function prepare(db: Db, claims: UserClaims, params: RetryRunParams) {
  await assertVisible(db, claims, params);
  const loaded = await loadRun(db, params);
  const { run } = loaded;
  if (run.status !== "failed") throw new AppError("conflict", `Only failed runs can be retried; this one ${run.status}.`);
  if (run.deletedAt) throw new AppError("conflict", "This automation was deleted, so its runs can no longer be retried.");
  // Fresh, not the ingest cache: the point of a retry is usually that someone just fixed a member.
  invalidateWorkspaceDirectory(params.workspaceId);
  const { users } = await loadWorkspaceDirectory(db, params.workspaceId);
  const done = succeededWith(loaded);
  const versions = await loadVersions(db, run.automationId, [run.version, ...done.values()]);
  const [format, catalog] = await Promise.all([workspaceTextFormat(db, params.workspaceId), getFieldCatalog(db, params.workspaceId)]);
  const current = definitionOf({ name: run.automationName, description: run.description, trigger: run.trigger, conditions: run.conditions, actions: run.actions });
  // Runs from before versions were kept: the current definition is the run's when the numbers agree.
  if (!versions.has(run.currentVersion)) versions.set(run.currentVersion, current);
  const event = run.payload as NormalizedEvent;
  const mode = params.mode ?? defaultRetryMode(run.version, run.currentVersion);
  const plan = planRetry({
    mode,
    automation: { id: run.automationId, name: run.automationName, ownerId: run.ownerId, version: run.currentVersion, definition: current },
    ranVersion: run.version,
    versions,
    stored: loaded.stored,
    succeededWith: done,
    event,
    users,
    now: params.now,
    format,
    catalog,
  });
  return { loaded, plan, users, event, format };
}

/** After an edit the current version is the default; before one, both are the same. */
export function defaultRetryMode(ranVersion: number, currentVersion: number): RetryMode {
  return ranVersion === currentVersion ? "as_ran" : "current";
}

/** What a retry would run, for the confirmation; writes nothing. */
export async function previewRetry(db: Db, claims: UserClaims, params: RetryRunParams): Promise<RetryPreview> {
  const { loaded, plan } = await prepare(db, claims, params);
  const { run } = loaded;
  return { runId: run.id, automationName: run.automationName, entityId: run.entityId, ranVersion: run.version, currentVersion: run.currentVersion, mode: plan.mode, version: plan.version, steps: plan.steps, blocked: plan.blocked };
}

/** Executes in order; an action without a plan fails like any other (and skips the rest). */
function execute(ctx: ActionContext, plan: RetryPlan, now: Date): ActionRecord[] {
  const gap = plan.toRun.indexOf(null);
  const runnable = (gap === -1 ? plan.toRun : plan.toRun.slice(0, gap)) as PlannedAction[];
  const { records, error } = executeActions(ctx, runnable, () => now);
  if (gap !== -1) {
    plan.steps.filter((s) => s.what === "run").slice(gap).forEach((action, i) => {
      const first = i === 0 && !error;
      records.push({ index: action.index, type: action.type, status: first ? "failed" : "skipped", output: first ? null : { reason: SKIPPED_REASON }, error: first ? NO_PLAN : null, config: plan.toRun[gap + i]?.config ?? null, finishedAt: now });
    });
  }
  for (const action of plan.dropped) {
    records.push({ index: action.index, type: action.type, status: "skipped", output: { reason: `Not in version ${plan.version}` }, error: null, config: null, finishedAt: now });
  }
  return records;
}

function finalStatus(records: ActionRecord[]): { status: "succeeded" | "failed"; error: string | null } {
  const failed = records.find((record) => record.status === "failed");
  return failed ? { status: "failed", error: `${actionLabel(failed)}: ${failed.error}` } : { status: "succeeded", error: null };
}

/** Retries one failed run the reader can see; throws not_found, or conflict when it is not retryable. */
export async function retryRun(db: Db, claims: UserClaims, params: RetryRunParams): Promise<RetryOutcome> {
  const { loaded, plan, users, event, format } = await prepare(db, claims, params);
  if (plan.blocked) throw new AppError("conflict", plan.blocked);
  const { run } = loaded;
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
    timeZone: format.timeZone,
    // A test event's retried email or webhook is still not sent.
    testEvent: run.origin === "test",
  };
  const records = execute(ctx, plan, params.now);
  const outcome = finalStatus(records);
  await writeRetry(db, { workspaceId: params.workspaceId, userId: claims.sub, now: params.now, run, stored: loaded.stored, attempts: loaded.attempts.length, plan, records, effects, outcome });
  return { runId: run.id, status: outcome.status, error: outcome.error, retriedActions: plan.toRun.length, version: plan.version };
}

export type BulkRetryResult = { runId: string; ok: true; status: "succeeded" | "failed"; error: string | null } | { runId: string; ok: false; error: string };

export const MAX_BULK_RETRY = 50;

function distinct(runIds: readonly string[]): string[] {
  const ids = [...new Set(runIds)];
  if (ids.length > MAX_BULK_RETRY) throw new AppError("invalid_input", `Retry at most ${MAX_BULK_RETRY} runs at a time.`);
  return ids;
}

/** Retries several runs one after the other; each one's outcome is reported, one refusal stops none. */
export async function retryRuns(db: Db, claims: UserClaims, params: { workspaceId: string; runIds: readonly string[]; now: Date; mode?: RetryMode }): Promise<BulkRetryResult[]> {
  const results: BulkRetryResult[] = [];
  for (const runId of distinct(params.runIds)) {
    try {
      const outcome = await retryRun(db, claims, { workspaceId: params.workspaceId, runId, now: params.now, mode: params.mode });
      results.push({ runId, ok: true, status: outcome.status, error: outcome.error });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ runId, ok: false, error: error.message });
    }
  }
  return results;
}

export type BulkPreview = { runId: string; ok: true; preview: RetryPreview } | { runId: string; ok: false; error: string };

/** The confirmation of a bulk retry: each run's plan in the chosen mode (or why it cannot be retried). */
export async function previewRetries(db: Db, claims: UserClaims, params: { workspaceId: string; runIds: readonly string[]; now: Date; mode?: RetryMode }): Promise<BulkPreview[]> {
  const results: BulkPreview[] = [];
  for (const runId of distinct(params.runIds)) {
    try {
      results.push({ runId, ok: true, preview: await previewRetry(db, claims, { workspaceId: params.workspaceId, runId, now: params.now, mode: params.mode }) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ runId, ok: false, error: error.message });
    }
  }
  return results;
}
