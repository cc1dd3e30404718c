// The catalog queries: what a client may put in an automation, read from the same registries
// (triggers, field catalog, operators, actions) that the form and the validation use.

import { z } from "zod";
import { ACTIONS } from "@/lib/automations/actions";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import { ENTITY_TYPES, isEntityType } from "@/lib/automations/fields";
import { OPERATORS, operatorsFor } from "@/lib/automations/operators";
import { TRIGGERS } from "@/lib/automations/triggers";
import { OPERATOR_SYMBOLS } from "./input/normalize-condition";

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
}

const SYMBOL_OF = new Map<string, string>();
for (const [symbol, id] of Object.entries(OPERATOR_SYMBOLS)) if (!SYMBOL_OF.has(id)) SYMBOL_OF.set(id, symbol);

export function listTriggerTypes() {
  return TRIGGERS.map((trigger) => ({
    type: trigger.type,
    entity: trigger.entity,
    label: trigger.label,
    description: trigger.description,
    timeBased: trigger.timeBased,
    configSchema: jsonSchema(trigger.schema),
  }));
}

/** The workspace's fields (built-in and custom), with their options (stages: the workspace's). */
export function listFields(entity?: string | null, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG) {
  const entities = entity == null ? ENTITY_TYPES : isEntityType(entity) ? [entity] : [];
  return entities.flatMap((name) =>
    catalog.fieldsFor(name).map((field) => ({
      path: `${name}.${field.key}`,
      key: field.key,
      entity: name,
      label: field.label,
      type: field.type,
      options: field.options?.map(({ value, label }) => ({ value, label })) ?? null,
      operators: operatorsFor(field.type).map((operator) => operator.id),
    })),
  );
}

export function listOperators(fieldType?: string | null) {
  return OPERATORS.filter((operator) => fieldType == null || (operator.accepts as readonly string[]).includes(fieldType)).map((operator) => ({
    id: operator.id,
    symbol: SYMBOL_OF.get(operator.id) ?? null,
    label: operator.label,
    description: operator.description,
    fieldTypes: operator.accepts,
    valueKind: operator.valueKind,
  }));
}

export function listActionTypes() {
  return ACTIONS.map((action) => ({
    type: action.type,
    label: action.label,
    description: action.description,
    configSchema: jsonSchema(action.schema),
  }));
}
