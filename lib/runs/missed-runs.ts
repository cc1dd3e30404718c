// "Nothing missed while off": the events that arrived while an automation was switched off and would
// have triggered it are `missed` runs (app.record_event). Once it is back on, its user may run it for
// them (the newest MAX_MISSED_RUNS): each missed row becomes the real run under the same (event,
// automation) key, planned with the automation as it is now. The claim (status still `missed`) makes
// running them twice, or from two tabs, harmless. Like a retry, this is the user's own act: it
// neither extends a failure streak nor sends failure alerts.

import { and, count, desc, eq, gte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, automations, events, runActions } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { problemKey } from "@/lib/actions/event-problems";
import { invalidateWorkspaceDirectory, loadWorkspaceDirectory } from "@/lib/actions/load-workspace-directory";
import { emptyEffects } from "@/lib/actions/types";
import type { NormalizedEvent } from "@/lib/engine/event";
import { evaluateAutomation } from "@/lib/engine/plan";
import { AppError } from "@/lib/result";
import { ownerInfo } from "./process-event";
import { writeEffects } from "./retry-writes";
import { runActions as executeActions } from "./run-automations";

export const MAX_MISSED_RUNS = 1_000;
const BATCH = 100;

export type MissedRunsParams = { workspaceId: string; automationId: string };
export type MissedRunsSummary = { ran: number; succeeded: number; skipped: number; failed: number };

/** The automation as the reader may see it, with when it was last switched off. */
async function visibleAutomation(db: Db, claims: UserClaims, params: MissedRunsParams) {
  const [row] = await withUser(db, claims, (tx) =>
    tx
      .select({ id: automations.id, name: automations.name, ownerId: automations.ownerId, version: automations.version, isActive: automations.isActive, deactivatedAt: automations.deactivatedAt, trigger: automations.trigger, conditions: automations.conditions, actions: automations.actions, deletedAt: automations.deletedAt })
      .from(automations)
      .where(and(eq(automations.id, params.automationId), eq(automations.workspaceId, params.workspaceId)))
      .limit(1),
  );
  if (!row || row.deletedAt) throw new AppError("not_found", "This automation does not exist or you cannot see it.");
  return row;
}

/** Events that would have triggered it during its last time off (shown on its page). */
export async function countMissedRuns(db: Db, claims: UserClaims, params: MissedRunsParams): Promise<number> {
  const automation = await visibleAutomation(db, claims, params);
  if (!automation.deactivatedAt) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(automationRuns)
    .where(and(eq(automationRuns.automationId, automation.id), eq(automationRuns.status, "missed"), gte(automationRuns.createdAt, automation.deactivatedAt)));
  return row?.n ?? 0;
}

export async function runMissedEvents(db: Db, claims: UserClaims, params: MissedRunsParams & { now: Date }): Promise<MissedRunsSummary> {
  const automation = await visibleAutomation(db, claims, params);
  if (!automation.isActive) throw new AppError("conflict", "Switch the automation on first, then run it for the events it missed.");
  const missed = await db
    .select({ id: automationRuns.id, eventId: automationRuns.eventId, payload: events.payload })
    .from(automationRuns)
    .innerJoin(events, eq(events.id, automationRuns.eventId))
    .where(and(eq(automationRuns.automationId, automation.id), eq(automationRuns.status, "missed")))
    .orderBy(desc(automationRuns.createdAt))
    .limit(MAX_MISSED_RUNS);
  invalidateWorkspaceDirectory(params.workspaceId);
  const { users } = await loadWorkspaceDirectory(db, params.workspaceId);
  const engineAutomation = { ...automation, isActive: true };
  const summary: MissedRunsSummary = { ran: 0, succeeded: 0, skipped: 0, failed: 0 };
  for (let i = 0; i < missed.length; i += BATCH) {
    await db.transaction(async (tx) => {
      for (const run of missed.slice(i, i + BATCH)) {
        const event = run.payload as NormalizedEvent;
        const plan = evaluateAutomation(event, engineAutomation, params.now, { owner: ownerInfo(users, event) });
        const effects = emptyEffects();
        const ctx = { now: params.now, workspaceId: params.workspaceId, eventId: run.eventId, event, automation: { id: automation.id, name: automation.name, ownerId: automation.ownerId }, runId: run.id, users, effects };
        const outcome = plan.status === "pending" ? executeActions(ctx, plan.actions, () => params.now) : { records: [], error: plan.error, problem: null };
        const status = plan.status === "pending" ? (outcome.error ? "failed" : "succeeded") : plan.status === "missed" ? "skipped" : plan.status;
        // The claim: only a row still `missed` becomes the run, so a second click writes nothing.
        const claimed = await tx
          .update(automationRuns)
          .set({ status, trace: plan.trace, error: outcome.error, problem: outcome.problem ? problemKey(outcome.problem) : null, automationVersion: automation.version, finishedAt: params.now })
          .where(and(eq(automationRuns.id, run.id), eq(automationRuns.status, "missed")))
          .returning({ id: automationRuns.id });
        if (claimed.length === 0) continue;
        if (outcome.records.length > 0) {
          await tx.insert(runActions).values(
            outcome.records.map((record) => ({
              workspaceId: params.workspaceId,
              runId: run.id,
              actionIndex: record.index,
              type: record.type,
              status: record.status,
              output: record.output,
              error: record.error,
              config: record.status === "failed" || record.status === "skipped" ? (record.config ?? null) : null,
              createdAt: params.now,
              finishedAt: record.finishedAt,
            })),
          ).onConflictDoNothing();
        }
        await writeEffects(tx, params.workspaceId, effects);
        summary.ran++;
        if (status === "succeeded") summary.succeeded++;
        else if (status === "failed") summary.failed++;
        else summary.skipped++;
      }
    });
  }
  return summary;
}
