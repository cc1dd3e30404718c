// The plan's WorkflowAutomationInput → the stored automation input, validated by the same zod
// schema as the form. Issues come back with paths into the input as the client sent it.

import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import { automationInputSchemaFor, type AutomationInput } from "@/lib/automations/schema";
import { getTrigger } from "@/lib/automations/triggers";
import { normalizeActions } from "./normalize-action";
import { normalizeCondition } from "./normalize-condition";
import { normalizeTrigger } from "./normalize-trigger";
import { Origin, type InputIssue } from "./origin";

/** The plan's input type, as GraphQL hands it over (trigger, condition and action are JSON). */
export type WorkflowAutomationInput = { name: string; trigger: unknown; condition?: unknown; action: unknown };

export type NormalizedInput = { ok: true; data: AutomationInput } | { ok: false; issues: InputIssue[] };

/** `description` is not in the plan's input: an update carries the stored one over. Fields are the workspace's. */
export function normalizeAutomationInput(
  input: WorkflowAutomationInput,
  keep: { description?: string | null } = {},
  catalog: FieldCatalog = DEFAULT_FIELD_CATALOG,
): NormalizedInput {
  const root = new Origin(["input"]);
  const issues: InputIssue[] = [];
  root.child("name", ["input", "name"]);
  const trigger = normalizeTrigger(input.trigger, root.child("trigger", ["input", "trigger"]), issues);
  const type = (trigger as { type?: unknown } | null)?.type;
  const entity = typeof type === "string" ? (getTrigger(type)?.entity ?? undefined) : undefined;
  const conditions = normalizeCondition(input.condition, root.child("conditions", ["input", "condition"]), entity, issues, catalog);
  const actions = normalizeActions(input.action, root.child("actions", ["input", "action"]), issues);
  const candidate = { name: input.name, description: keep.description ?? undefined, trigger, conditions, actions };

  const parsed = automationInputSchemaFor(catalog).safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push({ path: root.translate(issue.path), message: issue.message });
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues: dedupe(issues) };
  return { ok: true, data: parsed.data };
}

/** Maps a stored-form field error key ("actions.0.config.assignee.userId") from a domain check. */
export function translateFieldErrors(input: WorkflowAutomationInput, fieldErrors: Record<string, string>): InputIssue[] {
  const root = new Origin(["input"]);
  const issues: InputIssue[] = [];
  normalizeTrigger(input.trigger, root.child("trigger", ["input", "trigger"]), issues);
  normalizeActions(input.action, root.child("actions", ["input", "action"]), issues);
  return Object.entries(fieldErrors).map(([key, message]) => ({
    path: root.translate(key.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part))),
    message,
  }));
}

function dedupe(issues: InputIssue[]): InputIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
