import type { Db } from "@/db/client";
import type { AutomationDefinition } from "@/lib/automations/definition";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import type { AutomationFormValues } from "@/lib/automations/schema";
import type { AutomationScope } from "@/lib/automations/scope";
import { getBuiltinTemplate } from "./builtin-templates";
import { getWorkspaceTemplate, withoutHeaderValues } from "./workspace-templates";

export type EditorTemplate = {
  name: string;
  blanks: Array<{ path: string; label: string }>;
  /** Built-in templates carry form values; workspace templates a stored definition. */
  values?: AutomationFormValues;
  definition?: AutomationDefinition;
};

/** The template the new-automation page opens with; null for none, "not_found" for a bad id. */
export async function loadTemplateForEditor(
  db: Db,
  scope: AutomationScope,
  query: { template?: string | string[]; workspaceTemplate?: string | string[] },
  catalog: FieldCatalog = DEFAULT_FIELD_CATALOG,
): Promise<EditorTemplate | null | "not_found"> {
  if (typeof query.template === "string") {
    const builtin = getBuiltinTemplate(query.template);
    if (!builtin) return "not_found";
    const { values, blanks } = withWorkspaceActivityTypes(builtin.values, catalog);
    return { name: builtin.name, values, blanks: [...builtin.choose.map(({ path, label }) => ({ path, label })), ...blanks] };
  }
  if (typeof query.workspaceTemplate === "string") {
    const saved = await getWorkspaceTemplate(db, { ...scope, id: query.workspaceTemplate });
    if (!saved) return "not_found";
    const { definition, blanks } = withoutHeaderValues(saved.definition);
    return { name: saved.name, definition, blanks: blanks.map((path) => ({ path, label: "Header value" })) };
  }
  return null;
}

/**
 * A built-in template's activity types ("call", "task") that the workspace replaced with its own
 * become blanks to choose, rather than a value the save would refuse.
 */
function withWorkspaceActivityTypes(values: AutomationFormValues, catalog: FieldCatalog) {
  const blanks: Array<{ path: string; label: string }> = [];
  const actions = values.actions.map((action, index) => {
    const config = action.config as Record<string, unknown>;
    if (action.type !== "create_activity" || typeof config.activityType !== "string" || catalog.isActivityType(config.activityType)) return action;
    blanks.push({ path: `actions.${index}.config.activityType`, label: "Activity type" });
    return { ...action, config: { ...config, activityType: "" } };
  });
  return { values: blanks.length > 0 ? ({ ...values, actions } as AutomationFormValues) : values, blanks };
}
