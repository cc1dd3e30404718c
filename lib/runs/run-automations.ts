// Step 8: the engine and the action executors, in memory. Each triggered automation becomes a run
// record (status, trace, timing, one record per action) and its effects are queued; nothing is
// written here, so the event's records and effects can go to the database in one statement.

import type { EngineAutomation } from "@/lib/engine/compile-automation";
import type { NormalizedEvent } from "@/lib/engine/event";
import { planEvent, type PlanOptions, type PlannedAction, type RunTrace } from "@/lib/engine/plan";
import { getAction } from "@/lib/automations/actions";
import { executeAction } from "@/lib/actions/registry";
import { emptyEffects, type ActionContext, type EffectBatch } from "@/lib/actions/types";
import type { UserDirectory } from "@/lib/actions/user-directory";
import type { EventProblem } from "@/lib/actions/event-problems";
import type { TextFormat } from "@/lib/engine/text-format";
import { timeOrderedId } from "@/lib/time-ordered-id";

export type RunStatus = "succeeded" | "failed" | "skipped" | "stopped" | "missed";
export type ActionStatus = "succeeded" | "failed" | "pending" | "skipped";

export type ActionRecord = {
  index: number;
  type: string;
  status: ActionStatus;
  output: Record<string, unknown> | null;
  error: string | null;
  /** The rendered config, kept for actions that did not succeed so a retry can run what was planned. */
  config?: Record<string, unknown> | null;
  finishedAt: Date;
};

export type RunRecord = {
  id: string;
  automationId: string;
  automationName: string;
  ownerId: string;
  version: number;
  status: RunStatus;
  trace: RunTrace;
  error: string | null;
  /** Set when the run failed because of the event (it does not count toward auto-disable). */
  problem: EventProblem | null;
  durationMicros: number;
  finishedAt: Date;
  actions: ActionRecord[];
};

export type RunAutomationsParams = {
  now: Date;
  workspaceId: string;
  eventId: string;
  event: NormalizedEvent;
  automations: readonly EngineAutomation[];
  users: UserDirectory;
  planOptions: PlanOptions;
  /** A test event: emails and outbound webhooks are not sent (lib/actions/registry.ts). */
  testEvent?: boolean;
  /** The workspace's locale and time zone (rendered text, due times); raw and UTC when absent. */
  format?: TextFormat;
};

export const SKIPPED_REASON = "Not run: an earlier action failed";

export function actionLabel(action: Pick<PlannedAction, "index" | "type">): string {
  return `Action ${action.index + 1} (${getAction(action.type)?.label ?? action.type})`;
}

/** Runs a pending plan's actions in order; the first failure fails the run and skips the rest. */
export function runActions(ctx: ActionContext, actions: readonly PlannedAction[], clock: () => Date) {
  const records: ActionRecord[] = [];
  let error: string | null = null;
  let problem: EventProblem | null = null;
  for (const action of actions) {
    if (error) {
      records.push({ index: action.index, type: action.type, status: "skipped", output: { reason: SKIPPED_REASON }, error: null, config: action.config, finishedAt: clock() });
      continue;
    }
    const outcome = executeAction(ctx, action);
    if (outcome.status === "failed") {
      error = `${actionLabel(action)}: ${outcome.error}`;
      problem = outcome.problem ?? null;
      records.push({ index: action.index, type: action.type, status: "failed", output: null, error: outcome.error, config: action.config, finishedAt: clock() });
    } else {
      const output = action.missing.length > 0 ? { ...outcome.output, missingVariables: action.missing } : outcome.output;
      records.push({ index: action.index, type: action.type, status: outcome.status, output, error: null, finishedAt: clock() });
    }
  }
  return { records, error, problem };
}

// The ingest cache hands the same list to every event: its id map is built once per list, not per event.
const idMaps = new WeakMap<readonly EngineAutomation[], Map<string, EngineAutomation>>();

function automationsById(automations: readonly EngineAutomation[]): Map<string, EngineAutomation> {
  let map = idMaps.get(automations);
  if (!map) idMaps.set(automations, (map = new Map(automations.map((automation) => [automation.id, automation]))));
  return map;
}

/**
 * Plans the event against the cached automation list in one call (the engine indexes a list once,
 * by trigger type and key, so candidates are found without scanning), then executes each pending
 * plan. One automation failing, even by throwing, never stops the others. A run's duration is its
 * share of the planning time plus its own actions.
 */
export function runAutomations(params: RunAutomationsParams): { runs: RunRecord[]; effects: EffectBatch } {
  const { now, event, users } = params;
  const effects = emptyEffects();
  const startedAt = performance.now();
  const clock = () => new Date(now.getTime() + (performance.now() - startedAt));
  const plans = planEvent(event, params.automations, now, params.format ? { ...params.planOptions, format: params.format } : params.planOptions);
  const planShare = plans.length > 0 ? (performance.now() - startedAt) / plans.length : 0;
  const byId = automationsById(params.automations);
  const runs: RunRecord[] = [];
  for (const plan of plans) {
    const started = performance.now();
    const automation = byId.get(plan.automationId)!;
    const run: RunRecord = {
      id: timeOrderedId(),
      automationId: automation.id,
      automationName: automation.name,
      ownerId: automation.ownerId,
      version: plan.automationVersion,
      status: plan.status === "pending" ? "succeeded" : plan.status,
      trace: plan.trace,
      error: plan.error,
      problem: null,
      durationMicros: 0,
      finishedAt: now,
      actions: [],
    };
    if (plan.status === "pending") {
      const ctx: ActionContext = {
        now,
        workspaceId: params.workspaceId,
        eventId: params.eventId,
        event,
        automation: { id: automation.id, name: automation.name, ownerId: automation.ownerId },
        runId: run.id,
        users,
        effects,
        testEvent: params.testEvent,
        timeZone: params.format?.timeZone,
      };
      const { records, error, problem } = runActions(ctx, plan.actions, clock);
      run.actions = records;
      if (error) {
        run.status = "failed";
        run.error = error;
        run.problem = problem;
      }
    }
    run.durationMicros = Math.round((planShare + performance.now() - started) * 1000);
    run.finishedAt = clock();
    runs.push(run);
  }
  return { runs, effects };
}
