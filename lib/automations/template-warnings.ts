// The warnings a valid automation can still carry: text templates naming variables its trigger's
// events do not have. Saved anyway (the catalog may lag the CRM), but said, with the path.

import { getAction } from "./actions";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "./field-catalog";
import type { AutomationInput } from "./schema";
import { unknownVariableWarnings, type TemplateWarning } from "./template-check";
import { getTrigger } from "./triggers";

export function automationTemplateWarnings(input: AutomationInput, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): TemplateWarning[] {
  const entity = getTrigger(input.trigger.type)?.entity;
  if (!entity) return [];
  return input.actions.flatMap((action, index) => {
    const config = action.config as Record<string, unknown>;
    return (getAction(action.type)?.templateFields ?? []).flatMap((key) =>
      typeof config[key] === "string" ? unknownVariableWarnings(config[key], entity, `actions.${index}.config.${key}`, catalog) : [],
    );
  });
}
