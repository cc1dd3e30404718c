// Automations in words, for the list page, the run log and the "test run" panel. Works on stored
// data of any age: unknown fields, operators or actions are named, never thrown on.

import { getAction } from "./actions";
import type { ConditionGroup, ConditionLeaf, ConditionNode } from "./conditions";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "./field-catalog";
import { optionLabel, type EntityType, type FieldRef } from "./fields";
import { getOperator } from "./operators";
import { joinWords } from "./triggers";
import { parseDate, toNumber } from "./values";

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

function formatValue(value: unknown, field: FieldRef | undefined): string {
  switch (field?.type) {
    case "number": {
      const number = toNumber(value);
      return number === null ? String(value) : formatNumber(number);
    }
    case "choice":
      return optionLabel(field, value) ?? String(value);
    case "date": {
      const date = parseDate(value);
      if (!date) return String(value);
      return date.dateOnly ? dateFormat.format(date.time) : `${dateTimeFormat.format(date.time)} UTC`;
    }
    case "boolean":
      return String(value);
    default:
      return `“${String(value)}”`;
  }
}

/** One condition in words: "Amount is greater than 10,000". */
export function summarizeLeaf(leaf: ConditionLeaf, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): string {
  const field = catalog.getField(leaf.field);
  const operator = getOperator(leaf.operator);
  const subject = `${field?.label ?? leaf.field} ${operator?.phrase ?? leaf.operator}`;
  switch (operator?.valueKind) {
    case "none":
      return subject;
    case "days": {
      const days = toNumber(leaf.value);
      return `${subject} ${String(leaf.value)} ${days === 1 ? "day" : "days"}`;
    }
    case "list": {
      const items = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
      return `${subject} ${joinWords(items.map((item) => formatValue(item, field)), "or")}`;
    }
    default:
      return leaf.value === undefined ? subject : `${subject} ${formatValue(leaf.value, field)}`;
  }
}

function summarizeNode(node: ConditionNode, nested: boolean, catalog: FieldCatalog): string {
  if (node.kind !== "group") return summarizeLeaf(node, catalog);
  const parts = node.conditions.map((child) => summarizeNode(child, true, catalog));
  const text = parts.join(node.match === "any" ? " or " : " and ");
  return nested && parts.length > 1 ? `(${text})` : text;
}

/** "Amount is greater than 10,000 and (Stage is Negotiation or Source contains “web”)". */
export function summarizeConditions(group: ConditionGroup | null | undefined, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): string {
  if (!group || group.conditions.length === 0) return "No conditions";
  return summarizeNode(group, false, catalog);
}

/** Leaves not yet given a field and operator are left out, and groups left empty with them. */
function pruneDraft(node: ConditionNode): ConditionNode | null {
  if (node.kind !== "group") return node.field && node.operator ? node : null;
  const conditions = node.conditions.map(pruneDraft).filter((child): child is ConditionNode => child !== null);
  return conditions.length > 0 ? { ...node, conditions } : null;
}

/** The conditions as they are being built, in words: what the editor shows live under the builder. */
export function summarizeDraftConditions(group: ConditionGroup | null | undefined, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): string {
  const pruned = group ? pruneDraft(group) : null;
  return pruned && pruned.kind === "group" ? summarizeConditions(pruned, catalog) : "No conditions";
}

/** The full sentence for one stored action, e.g. "Notify the deal owner: “…”" (on a contact trigger: "the contact's owner"). */
export function describeAction(action: unknown, entity?: EntityType | null): string {
  const { type, config } = (action ?? {}) as { type?: unknown; config?: unknown };
  const definition = typeof type === "string" ? getAction(type) : undefined;
  if (!definition) return `Unknown action “${String(type)}”`;
  const parsed = definition.schema.safeParse(config);
  return parsed.success ? definition.describe(parsed.data as never, entity) : `${definition.label} (invalid settings)`;
}

/** The short form: "Create activity, then notify user". */
export function summarizeActions(actions: readonly unknown[]): string {
  if (actions.length === 0) return "No actions";
  return actions
    .map((action, index) => {
      const type = (action as { type?: unknown } | null)?.type;
      const definition = typeof type === "string" ? getAction(type) : undefined;
      // Only the first word changes case: "Create activity, then notify user".
      const label = definition ? definition.label.toLowerCase() : `unknown action “${String(type)}”`;
      const first = index === 0 ? label[0].toUpperCase() : label[0].toLowerCase();
      return first + label.slice(1);
    })
    .join(", then ");
}
