// Text templates checked against the field catalog on save: a malformed `{{…}}` is an error (it
// would be sent as written), an unknown variable a warning naming it (it would render empty).
// Pure and isomorphic: the form shows the same messages live that the server returns.

import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "./field-catalog";
import { ENTITY_LABELS, type EntityType } from "./fields";

export type TemplateWarning = { path: string; message: string };

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;

/** The first malformed placeholder in a template, as a message; null when well formed. */
export function templateSyntaxError(template: string): string | null {
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf("{{", index);
    const strayClose = template.indexOf("}}", index);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) return "“}}” without a matching “{{”: remove it or complete the variable";
    if (open === -1) return null;
    const close = template.indexOf("}}", open + 2);
    const nextOpen = template.indexOf("{{", open + 2);
    const excerpt = template.slice(open, Math.min(template.length, open + 30));
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) return `“${excerpt}” is not closed: add “}}” after the variable's name`;
    const inner = template.slice(open + 2, close).trim();
    if (!VARIABLE.test(inner)) return `“{{${inner}}}” is not a variable: use a name such as {{deal.title}}`;
    index = close + 2;
  }
  return null;
}

/** The variables a well-formed template uses, in order of appearance. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => match[1]);
}

/** One warning per unknown variable of a well-formed template, naming it. */
export function unknownVariableWarnings(template: string, entity: EntityType, path: string, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): TemplateWarning[] {
  if (templateSyntaxError(template)) return [];
  const unknown = [...new Set(templateVariables(template).filter((variable) => !catalog.isTemplateVariable(entity, variable)))];
  return unknown.map((variable) => ({
    path,
    message: `Unknown variable {{${variable}}}: ${ENTITY_LABELS[entity].toLowerCase()} events have no such value, so it would be left empty`,
  }));
}
