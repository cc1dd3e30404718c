// The engine's entry point: (event, automations, now) → one plan per triggered automation, each
// with a trace saying why it will run, was skipped, stopped or failed. Pure: all I/O is the caller's.

import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import { getTrigger, triggerTypesForEvent, type TriggerDefinition, type TriggerMatch } from "@/lib/automations/triggers";
import {
  compileAutomation,
  getCompiledAutomation,
  readTriggerType,
  type CompiledAutomation,
  type EngineAutomation,
} from "./compile-automation";
import type { ConditionTraceNode } from "./conditions";
import type { NormalizedEvent } from "./event";
import { describePreviousBasis } from "./known-previous";
import { truncateText } from "@/lib/text/truncate";
import { renderCompiled, type TemplateContext } from "./templates";
import type { TextFormat } from "./text-format";

/** An event caused by automations more than this many hops deep is logged, not run. */
export const MAX_CAUSATION_DEPTH = 3;

/** A switched-off automation hears its trigger this long after it was switched off (a `missed` run per event). */
export const MISSED_WINDOW_DAYS = 7;
const MISSED_WINDOW_MS = MISSED_WINDOW_DAYS * 24 * 60 * 60 * 1000;

/** `missed`: the trigger matched a switched-off automation; nothing else was looked at. */
export type PlanStatus = "pending" | "skipped" | "failed" | "stopped" | "missed";
export type PlannedAction = { index: number; type: string; config: Record<string, unknown>; missing: string[] };
/** A rendered field cut to its limit: action number (from 1), the field, its rendered length and the limit. */
export type TruncatedField = { action: number; field: string; length: number; max: number };
export type RunTrace = {
  trigger: TriggerMatch;
  conditions: ConditionTraceNode | null;
  /** `truncated` is present only when some rendered text was cut (with an ellipsis) to its field's limit. */
  templates: { missing: string[]; truncated?: TruncatedField[] };
  /** Present when the sender gave no `previous`: what changes were judged against (known-previous.ts). */
  previousBasis?: string;
};
export type RunPlan = {
  automationId: string;
  automationVersion: number;
  status: PlanStatus;
  trace: RunTrace;
  actions: PlannedAction[];
  error: string | null;
};
export type Evaluation = RunPlan & { matched: boolean };

/** What `{{owner.*}}` renders: the entity owner's user, resolved by the caller. */
export type OwnerInfo = { id?: string; name?: string | null; email?: string | null; [key: string]: unknown };
export type PlanOptions = {
  owner?: OwnerInfo | null;
  /** How rendered text writes numbers and dates (the workspace's locale and time zone); raw when absent. */
  format?: TextFormat;
  /** Used when `owner` is not given: looks up the entity's `owner_id` (a user id or CRM user id). */
  resolveUser?: (idOrCrmId: string) => OwnerInfo | null | undefined;
  /** The workspace's field catalog (custom fields, stages); the built-in one when absent. */
  catalog?: FieldCatalog;
};

/** Per-event state shared by every automation the event triggers; the template context is lazy. */
type EventScope = { event: NormalizedEvent; now: Date; options: PlanOptions; templateBase?: TemplateContext };

function templateBase(scope: EventScope): TemplateContext {
  if (scope.templateBase) return scope.templateBase;
  const { event, options } = scope;
  const { entity } = event;
  const ownerId = entity.data.owner_id;
  const owner =
    options.owner ??
    (options.resolveUser && (typeof ownerId === "string" || typeof ownerId === "number")
      ? options.resolveUser(String(ownerId))
      : undefined);
  scope.templateBase = {
    [entity.type]: { ...entity.data, id: entity.id },
    entity: { type: entity.type, id: entity.id, data: entity.data },
    event: { id: event.id, type: event.type, occurredAt: event.occurredAt },
    previous: event.previous ?? {},
    owner: owner ?? undefined,
  };
  return scope.templateBase;
}

function basePlan(automation: EngineAutomation, trigger: TriggerMatch, event?: NormalizedEvent): RunPlan {
  const trace: RunTrace = { trigger, conditions: null, templates: { missing: [] } };
  const basis = event ? describePreviousBasis(event) : null;
  if (basis) trace.previousBasis = basis;
  return { automationId: automation.id, automationVersion: automation.version, status: "pending", trace, actions: [], error: null };
}

/** Plans a matched automation: loop guard, compile errors, conditions, then rendered actions. */
function planMatched(scope: EventScope, automation: EngineAutomation, compiled: CompiledAutomation, trigger: TriggerMatch): RunPlan {
  const plan = basePlan(automation, trigger, scope.event);
  const depth = scope.event.causation?.depth ?? 0;
  if (depth > MAX_CAUSATION_DEPTH) {
    return { ...plan, status: "stopped", error: `loop protection: causation depth ${depth} exceeds ${MAX_CAUSATION_DEPTH}` };
  }
  const { result, trace } = compiled.conditions({ data: scope.event.entity.data, previous: scope.event.previous, now: scope.now });
  plan.trace.conditions = trace;
  const error = compiled.conditions.error ?? compiled.actionsError;
  if (error) return { ...plan, status: "failed", error };
  if (!result) return { ...plan, status: "skipped" };

  const context = { ...templateBase(scope), automation: { id: automation.id, name: automation.name } };
  const allMissing: string[] = [];
  const truncated: TruncatedField[] = [];
  plan.actions = compiled.actions.map((action) => {
    const config = { ...action.config };
    const missing: string[] = [];
    for (const [key, template, max] of action.templates) {
      const rendered = renderCompiled(template, context, scope.options.format);
      config[key] = truncateText(rendered.text, max);
      if (rendered.text.length > max) truncated.push({ action: action.index + 1, field: key, length: rendered.text.length, max });
      for (const path of rendered.missing) {
        if (!missing.includes(path)) missing.push(path);
        if (!allMissing.includes(path)) allMissing.push(path);
      }
    }
    return { index: action.index, type: action.type, config, missing };
  });
  plan.trace.templates.missing = allMissing;
  if (truncated.length > 0) plan.trace.templates.truncated = truncated;
  return plan;
}

function failedPlan(automation: EngineAutomation, reason: string): RunPlan {
  return { ...basePlan(automation, { matched: false, reason }), status: "failed", error: reason };
}

/** Switched off, but recently enough that the events it would have run for are recorded. */
function hearsWhileOff(automation: EngineAutomation, now: Date): boolean {
  if (automation.isActive || !automation.offSince) return false;
  return now.getTime() - Date.parse(automation.offSince) <= MISSED_WINDOW_MS;
}

/** Plans one automation, or null when its trigger does not match the event. A switched-off one gets the trigger check only. */
function planAutomation(scope: EventScope, automation: EngineAutomation, compiled = getCompiledAutomation(automation, scope.options.catalog)): RunPlan | null {
  if (!automation.isActive) {
    if (!compiled.trigger || !hearsWhileOff(automation, scope.now)) return null;
    const verdict = compiled.trigger.definition.match(scope.event, compiled.trigger.config);
    return verdict.matched ? { ...basePlan(automation, verdict), status: "missed" } : null;
  }
  if (!compiled.trigger) return failedPlan(automation, compiled.triggerError ?? "Invalid trigger");
  const verdict = compiled.trigger.definition.match(scope.event, compiled.trigger.config);
  return verdict.matched ? planMatched(scope, automation, compiled, verdict) : null;
}

function internalError(error: unknown): string {
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** `compiled` is resolved when the index is built, so planning an event does no cache lookups. */
type IndexEntry = { automation: EngineAutomation; order: number; compiled?: CompiledAutomation };
type Bucket = {
  definition: TriggerDefinition;
  all: IndexEntry[];
  keyed: Map<string, IndexEntry[]> | null;
  unkeyed: IndexEntry[];
};
/** Active automations grouped by trigger type (and by trigger key where the type has one). */
type AutomationIndex = { byType: Map<string, Bucket>; broken: IndexEntry[] };

// Callers that keep their automation list (the ingest cache) get the index built once per list
// (and catalog: a catalog change also replaces the cached list, so this rarely rebuilds).
const indexes = new WeakMap<readonly EngineAutomation[], { catalog: FieldCatalog; index: AutomationIndex }>();

function buildIndex(automations: readonly EngineAutomation[], catalog: FieldCatalog): AutomationIndex {
  const index: AutomationIndex = { byType: new Map(), broken: [] };
  automations.forEach((automation, order) => {
    // Switched-off automations join only with the time they were switched off (the caller's choice).
    if (!automation.isActive && !automation.offSince) return;
    const entry: IndexEntry = { automation, order };
    try {
      entry.compiled = getCompiledAutomation(automation, catalog);
      addToIndex(index, entry);
    } catch {
      // Planned on every event, where the same error becomes a failed plan with its reason.
      if (automation.isActive) index.broken.push(entry);
    }
  });
  return index;
}

function addToIndex(index: AutomationIndex, entry: IndexEntry): void {
  const type = readTriggerType(entry.automation.trigger);
  const definition = type === undefined ? undefined : getTrigger(type);
  if (!definition) {
    if (entry.automation.isActive) index.broken.push(entry);
    return;
  }
  let bucket = index.byType.get(definition.type);
  if (!bucket) {
    bucket = { definition, all: [], keyed: definition.indexKeys && definition.eventKeys ? new Map() : null, unkeyed: [] };
    index.byType.set(definition.type, bucket);
  }
  bucket.all.push(entry);
  const compiled = entry.compiled!;
  if (!bucket.keyed) return;
  if (!compiled.trigger) {
    // Its config does not parse: visit it on every event of its type, where it fails with the reason.
    bucket.unkeyed.push(entry);
    return;
  }
  for (const key of new Set(definition.indexKeys!(compiled.trigger.config))) {
    const entries = bucket.keyed.get(key);
    if (entries) entries.push(entry);
    else bucket.keyed.set(key, [entry]);
  }
}

/** The automations filed under one trigger type (both explain-no-runs.ts and the planner read it). */
export function listenersOf(
  automations: readonly EngineAutomation[],
  triggerType: string,
  catalog: FieldCatalog = DEFAULT_FIELD_CATALOG,
): readonly { automation: EngineAutomation; compiled?: CompiledAutomation }[] {
  return indexFor(automations, catalog).byType.get(triggerType)?.all ?? [];
}

function indexFor(automations: readonly EngineAutomation[], catalog: FieldCatalog): AutomationIndex {
  const cached = indexes.get(automations);
  if (cached?.catalog === catalog) return cached.index;
  const index = buildIndex(automations, catalog);
  indexes.set(automations, { catalog, index });
  return index;
}

function candidates(event: NormalizedEvent, index: AutomationIndex): IndexEntry[] {
  const out: IndexEntry[] = [...index.broken];
  // An automation filed under several of the event's keys ("updated" watching two changed fields)
  // is still planned once.
  let seen: Set<IndexEntry> | undefined;
  for (const type of triggerTypesForEvent(event.type)) {
    const bucket = index.byType.get(type);
    if (!bucket) continue;
    if (!bucket.keyed) {
      out.push(...bucket.all);
      continue;
    }
    const keys = bucket.definition.eventKeys!(event);
    if (keys.length === 1) {
      const entries = bucket.keyed.get(keys[0]);
      if (entries) out.push(...entries);
    } else if (keys.length > 1) {
      seen ??= new Set();
      for (const key of keys) {
        for (const entry of bucket.keyed.get(key) ?? []) {
          if (!seen.has(entry)) {
            seen.add(entry);
            out.push(entry);
          }
        }
      }
    }
    out.push(...bucket.unkeyed);
  }
  return out.length > 1 ? out.sort((a, b) => a.order - b.order) : out;
}

/**
 * Plans every active automation the event triggers. Automations whose trigger cannot fire on this
 * event (another event type, another target stage) are passed over without being looked at;
 * broken ones yield a `failed` plan, never silence. Plans come in the order of `automations`.
 */
export function planEvent(
  event: NormalizedEvent,
  automations: readonly EngineAutomation[],
  now: Date,
  options: PlanOptions = {},
): RunPlan[] {
  const scope: EventScope = { event, now, options };
  const plans: RunPlan[] = [];
  for (const { automation, compiled } of candidates(event, indexFor(automations, options.catalog ?? DEFAULT_FIELD_CATALOG))) {
    try {
      const plan = planAutomation(scope, automation, compiled);
      if (plan) plans.push(plan);
    } catch (error) {
      // One automation's bug must not cost the others their run.
      plans.push(failedPlan(automation, internalError(error)));
    }
  }
  return plans;
}

/**
 * Evaluates one automation against an event whatever its state (inactive, draft, not triggered),
 * for a "test run": the verdict and condition trace are always filled in. Compiles uncached.
 */
export function evaluateAutomation(
  event: NormalizedEvent,
  automation: EngineAutomation,
  now: Date,
  options: PlanOptions = {},
): Evaluation {
  const scope: EventScope = { event, now, options };
  try {
    const compiled = compileAutomation(automation, options.catalog);
    if (!compiled.trigger) return { ...failedPlan(automation, compiled.triggerError ?? "Invalid trigger"), matched: false };
    const verdict = compiled.trigger.definition.match(event, compiled.trigger.config);
    if (verdict.matched) return { ...planMatched(scope, automation, compiled, verdict), matched: true };
    const plan = basePlan(automation, verdict, event);
    plan.trace.conditions = compiled.conditions({ data: event.entity.data, previous: event.previous, now }).trace;
    return { ...plan, status: "skipped", error: compiled.conditions.error, matched: false };
  } catch (error) {
    return { ...failedPlan(automation, internalError(error)), matched: false };
  }
}
