// Turns a stored automation (trigger, conditions, actions as jsonb) into something the planner can
// run per event without re-parsing: zod runs once per version here, not once per event.

import { DEFAULT_RENDERED_TEXT_MAX, getAction, RENDERED_TEXT_MAX } from "@/lib/automations/actions";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import { getTrigger, getTriggerSchema, type Trigger, type TriggerDefinition } from "@/lib/automations/triggers";
import { BoundedCache } from "./bounded-cache";
import { compileConditions, type ConditionEvaluator } from "./conditions";
import { compileTemplate, type CompiledTemplate } from "./templates";

/** The engine's view of an automation row. Shapes come from the database: trust nothing. */
export type EngineAutomation = {
  id: string;
  version: number;
  name: string;
  ownerId: string;
  trigger: unknown;
  conditions: unknown;
  actions: unknown;
  isActive: boolean;
  /** For a switched-off automation: when it was switched off (ISO). Within MISSED_WINDOW_DAYS its trigger still records `missed` runs. */
  offSince?: string | null;
};

export type CompiledAction = {
  index: number;
  type: string;
  config: Record<string, unknown>;
  /** Each template field with the longest its rendered text may be (RENDERED_TEXT_MAX). */
  templates: readonly (readonly [key: string, template: CompiledTemplate, maxLength: number])[];
};

export type CompiledAutomation = {
  trigger: { definition: TriggerDefinition; config: Trigger } | null;
  triggerError: string | null;
  conditions: ConditionEvaluator;
  actions: readonly CompiledAction[];
  actionsError: string | null;
};

const cache = new BoundedCache<string, CompiledAutomation>(5_000);

type ZodIssueLike = { path: PropertyKey[]; message: string };

function firstIssue(issues: readonly ZodIssueLike[]): string {
  const issue = issues[0];
  if (!issue) return "invalid settings";
  return issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message;
}

/** The trigger type as stored, without parsing the rest (the planner's fast path). */
export function readTriggerType(trigger: unknown): string | undefined {
  const type = (trigger as { type?: unknown } | null | undefined)?.type;
  return typeof type === "string" ? type : undefined;
}

function compileTrigger(raw: unknown, catalog: FieldCatalog): Pick<CompiledAutomation, "trigger" | "triggerError"> {
  const type = readTriggerType(raw);
  const definition = type ? getTrigger(type) : undefined;
  if (!definition) return { trigger: null, triggerError: `Unknown trigger “${String(type)}”` };
  const parsed = getTriggerSchema(definition.type, catalog)!.safeParse(raw);
  if (!parsed.success) {
    return { trigger: null, triggerError: `Invalid trigger settings: ${firstIssue(parsed.error.issues)}` };
  }
  return { trigger: { definition, config: parsed.data as Trigger }, triggerError: null };
}

function compileAction(raw: unknown, index: number): CompiledAction | string {
  const { type, config } = (raw ?? {}) as { type?: unknown; config?: unknown };
  const definition = typeof type === "string" ? getAction(type) : undefined;
  if (!definition) return `Action ${index + 1}: unknown action “${String(type)}”`;
  const parsed = definition.schema.safeParse(config);
  if (!parsed.success) return `Action ${index + 1} (${definition.label}): ${firstIssue(parsed.error.issues)}`;
  const data = parsed.data as Record<string, unknown>;
  const templates = definition.templateFields
    .filter((key) => typeof data[key] === "string")
    .map((key) => [key, compileTemplate(data[key] as string), RENDERED_TEXT_MAX[key] ?? DEFAULT_RENDERED_TEXT_MAX] as const);
  return { index, type: definition.type, config: data, templates };
}

function compileActions(raw: unknown): Pick<CompiledAutomation, "actions" | "actionsError"> {
  if (!Array.isArray(raw) || raw.length === 0) return { actions: [], actionsError: "Automation has no actions" };
  const actions: CompiledAction[] = [];
  const errors: string[] = [];
  raw.forEach((item, index) => {
    const compiled = compileAction(item, index);
    if (typeof compiled === "string") errors.push(compiled);
    else actions.push(compiled);
  });
  return { actions, actionsError: errors.length > 0 ? errors.join("; ") : null };
}

/**
 * Compiles without caching (for drafts in a "test run", whose id:version does not identify them).
 * Fields, stages and date fields are looked up in the workspace's catalog (built-ins by default).
 */
export function compileAutomation(
  automation: Pick<EngineAutomation, "trigger" | "conditions" | "actions">,
  catalog: FieldCatalog = DEFAULT_FIELD_CATALOG,
): CompiledAutomation {
  return {
    ...compileTrigger(automation.trigger, catalog),
    conditions: compileConditions(automation.conditions, catalog),
    ...compileActions(automation.actions),
  };
}

/** Compiled once per saved version and catalog: every save bumps `version`, every catalog change its stamp. */
export function getCompiledAutomation(automation: EngineAutomation, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): CompiledAutomation {
  return cache.getOrCreate(`${automation.id}:${automation.version}:${catalog.stamp}`, () => compileAutomation(automation, catalog));
}

export function clearCompiledAutomations(): void {
  cache.clear();
}
