// An automation's definition: what a version records and a template or an export carries. Its
// active state, owner and failure streak are not part of it.

import type { ConditionGroup } from "./conditions";

export type AutomationDefinition = {
  name: string;
  description: string | null;
  trigger: unknown;
  conditions: ConditionGroup | null;
  actions: unknown[];
};

/** The definition of a stored row (or of a validated input). */
export function definitionOf(row: { name: string; description?: string | null; trigger: unknown; conditions: unknown; actions: unknown }): AutomationDefinition {
  return {
    name: row.name,
    description: row.description ? row.description : null,
    trigger: row.trigger,
    conditions: (row.conditions ?? null) as ConditionGroup | null,
    actions: Array.isArray(row.actions) ? row.actions : [],
  };
}

/** JSON with object keys sorted, so two equal definitions compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sameDefinition(a: AutomationDefinition, b: AutomationDefinition): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
