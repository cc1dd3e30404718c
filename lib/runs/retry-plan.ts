// What a retry will do, decided before anything runs (the confirmation shows it; the retry runs it).
// "As it ran": the run's version, re-planned from its version record (people and templates resolved
// now), its failed actions and those skipped after them. "Current version": the automation as it is
// now, re-planned on the stored event; an action that already succeeded in an earlier attempt and
// is unchanged (same type and config at the same position) is kept, everything else runs.

import { getAction } from "@/lib/automations/actions";
import { canonicalJson, type AutomationDefinition } from "@/lib/automations/definition";
import { resolveUser, type UserRecipient } from "@/lib/actions/recipients";
import type { ActionContext } from "@/lib/actions/types";
import type { NormalizedEvent } from "@/lib/engine/event";
import { evaluateAutomation, type PlannedAction, type RunTrace } from "@/lib/engine/plan";
import type { UserDirectory } from "@/lib/actions/user-directory";
import type { TextFormat } from "@/lib/engine/text-format";
import type { FieldCatalog } from "@/lib/automations/field-catalog";
import { ownerInfo } from "./process-event";

export type RetryMode = "as_ran" | "current";
export const RETRY_MODE_VALUES = ["as_ran", "current"] as const;

export type StoredAction = { index: number; type: string; status: string; config: unknown };

/** One action as the confirmation lists it. `run`: runs now; `keep`: succeeded earlier, unchanged. */
export type RetryStep = { index: number; type: string; label: string; what: "run" | "keep"; description: string; person: string | null; problem: string | null };

export type RetryPlan = {
  mode: RetryMode;
  version: number;
  steps: RetryStep[];
  /** In run order: what executes (null: no plan was kept for it, so it fails with NO_PLAN). */
  toRun: (PlannedAction | null)[];
  /** Stored actions the version no longer has (current mode), marked as not run. */
  dropped: StoredAction[];
  /** The new trace (current mode), recorded on the run with the version. */
  trace: RunTrace | null;
  /** Why this retry cannot go ahead; null when it can. */
  blocked: string | null;
};

export type RetryInput = {
  mode: RetryMode;
  automation: { id: string; name: string; ownerId: string; version: number; definition: AutomationDefinition };
  ranVersion: number;
  /** Definitions by version, for the versions this run used (missing: not kept). */
  versions: ReadonlyMap<number, AutomationDefinition>;
  stored: StoredAction[];
  /** The version each action last succeeded with, by action index. */
  succeededWith: ReadonlyMap<number, number>;
  event: NormalizedEvent;
  users: UserDirectory;
  now: Date;
  /** The workspace's locale and time zone, as the ingest path renders with. */
  format?: TextFormat;
  /** The workspace's field catalog (custom fields, stages); the built-in one when absent. */
  catalog?: FieldCatalog;
};

const RETRYABLE = new Set(["failed", "skipped"]);
const DONE = new Set(["succeeded", "pending"]);

export const NO_PLAN = "This action's plan was not kept and the automation has changed since, so it cannot be run as it was planned";

function label(index: number, type: string): string {
  return `Action ${index + 1} (${getAction(type)?.label ?? type})`;
}

function describe(type: string, config: unknown): string {
  try {
    return getAction(type)?.describe(config as never) ?? type;
  } catch {
    return type;
  }
}

/** Who the action is for, resolved now: the person's address, or the reason it will fail. */
function person(ctx: Pick<ActionContext, "event" | "users" | "automation">, config: Record<string, unknown> | null): { person: string | null; problem: string | null } {
  const recipient = (config?.assignee ?? config?.to) as { kind?: string } | undefined;
  if (!recipient || !recipient.kind || recipient.kind === "address") return { person: null, problem: null };
  const resolved = resolveUser(ctx as ActionContext, recipient as UserRecipient);
  return resolved.ok ? { person: resolved.value.email, problem: null } : { person: null, problem: resolved.error };
}

function plan(input: RetryInput, version: number, definition: AutomationDefinition) {
  const engineAutomation = { ...definition, id: input.automation.id, version, name: input.automation.name, ownerId: input.automation.ownerId, isActive: true };
  return evaluateAutomation(input.event, engineAutomation, input.now, { owner: ownerInfo(input.users, input.event), format: input.format, catalog: input.catalog });
}

function actionKey(definition: AutomationDefinition | undefined, index: number): string | null {
  const action = definition?.actions[index];
  return action === undefined ? null : canonicalJson(action);
}

function step(ctx: Pick<ActionContext, "event" | "users" | "automation">, action: PlannedAction | StoredAction, what: RetryStep["what"], config: Record<string, unknown> | null): RetryStep {
  const who = what === "run" ? person(ctx, config) : { person: null, problem: null };
  return { index: action.index, type: action.type, label: label(action.index, action.type), what, description: config ? describe(action.type, config) : NO_PLAN, ...who };
}

function asRan(input: RetryInput, ctx: Pick<ActionContext, "event" | "users" | "automation">): RetryPlan {
  const version = input.ranVersion;
  const toRetry = input.stored.filter((action) => RETRYABLE.has(action.status));
  const base: RetryPlan = { mode: "as_ran", version, steps: [], toRun: [], dropped: [], trace: null, blocked: null };
  if (toRetry.length === 0) return { ...base, blocked: "This run failed before any action ran: fix the automation, and the next event will run it." };
  const definition = input.versions.get(version);
  const replanned = new Map<number, PlannedAction>();
  if (definition) {
    const evaluation = plan(input, version, definition);
    if (evaluation.status === "pending") for (const action of evaluation.actions) replanned.set(action.index, action);
  }
  base.toRun = toRetry.map((stored) => {
    const planned = replanned.get(stored.index);
    if (planned) return planned;
    const config = stored.config && typeof stored.config === "object" ? (stored.config as Record<string, unknown>) : null;
    return config ? { index: stored.index, type: stored.type, config, missing: [] } : null;
  });
  base.steps = toRetry.map((stored, i) => step(ctx, stored, "run", base.toRun[i]?.config ?? null));
  return base;
}

function atCurrent(input: RetryInput, ctx: Pick<ActionContext, "event" | "users" | "automation">): RetryPlan {
  const { version, definition } = input.automation;
  const base: RetryPlan = { mode: "current", version, steps: [], toRun: [], dropped: [], trace: null, blocked: null };
  const evaluation = plan(input, version, definition);
  if (evaluation.status !== "pending") {
    const why = !evaluation.matched
      ? "its trigger does not match this event"
      : evaluation.status === "skipped"
        ? "its conditions are not met by this event"
        : (evaluation.error ?? "it cannot run");
    return { ...base, blocked: `Version ${version} would not run on this event: ${why}.` };
  }
  base.trace = evaluation.trace;
  const stored = new Map(input.stored.map((action) => [action.index, action]));
  for (const action of evaluation.actions) {
    const earlier = stored.get(action.index);
    const succeededWith = input.succeededWith.get(action.index);
    const unchanged =
      earlier !== undefined && DONE.has(earlier.status) && succeededWith !== undefined && actionKey(input.versions.get(succeededWith), action.index) === actionKey(definition, action.index);
    if (unchanged) base.steps.push(step(ctx, action, "keep", action.config));
    else {
      base.toRun.push(action);
      base.steps.push(step(ctx, action, "run", action.config));
    }
  }
  base.dropped = input.stored.filter((action) => action.index >= evaluation.actions.length && !DONE.has(action.status));
  if (base.toRun.length === 0) return { ...base, blocked: `Every action of version ${version} already succeeded in an earlier attempt: nothing to run again.` };
  return base;
}

export function planRetry(input: RetryInput): RetryPlan {
  const ctx = { event: input.event, users: input.users, automation: { id: input.automation.id, name: input.automation.name, ownerId: input.automation.ownerId } };
  return input.mode === "current" ? atCurrent(input, ctx) : asRan(input, ctx);
}
