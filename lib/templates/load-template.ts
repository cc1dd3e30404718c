import type { Db } from "@/db/client";
import type { AutomationDefinition } from "@/lib/automations/definition";
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
): Promise<EditorTemplate | null | "not_found"> {
  if (typeof query.template === "string") {
    const builtin = getBuiltinTemplate(query.template);
    if (!builtin) return "not_found";
    return { name: builtin.name, values: builtin.values, blanks: builtin.choose.map(({ path, label }) => ({ path, label })) };
  }
  if (typeof query.workspaceTemplate === "string") {
    const saved = await getWorkspaceTemplate(db, { ...scope, id: query.workspaceTemplate });
    if (!saved) return "not_found";
    const { definition, blanks } = withoutHeaderValues(saved.definition);
    return { name: saved.name, definition, blanks: blanks.map((path) => ({ path, label: "Header value" })) };
  }
  return null;
}
