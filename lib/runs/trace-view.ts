// A stored run trace made readable: traces are jsonb written by whichever engine version ran, so
// they are read defensively, and every value is put into words the way the automation list does
// ("Amount is greater than 50,000"). Isomorphic: the run page and the test-run panel share it.

import type { ConditionTraceGroup, ConditionTraceLeaf, ConditionTraceNode } from "@/lib/engine/conditions";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import { optionLabel, type FieldRef } from "@/lib/automations/fields";
import { getOperator } from "@/lib/automations/operators";
import { summarizeConditions, formatNumber } from "@/lib/automations/summaries";
import { isEmptyValue, parseDate, toNumber } from "@/lib/automations/values";

export type TraceView = {
  trigger: { matched: boolean; reason: string } | null;
  conditions: ConditionTraceNode | null;
  missingVariables: string[];
  /** Rendered fields cut to their limit, as sentences ("Action 1's subject: 255,044 characters, cut to 200"). */
  truncated: string[];
  /** The workspace's catalog, so custom fields and stages read by their labels. */
  catalog: FieldCatalog;
  /** Where the changes were judged from when the sender gave no previous values, or null. */
  previousBasis: string | null;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function readNode(value: unknown, depth = 0): ConditionTraceNode | null {
  if (!isRecord(value) || depth > 20) return null;
  const note = typeof value.note === "string" ? value.note : undefined;
  if (value.kind === "group") {
    const children = Array.isArray(value.children) ? value.children.map((child) => readNode(child, depth + 1)).filter((n) => n !== null) : [];
    const group: ConditionTraceGroup = { kind: "group", match: value.match === "any" ? "any" : "all", result: value.result === true, children };
    if (note) group.note = note;
    return group;
  }
  if (value.kind === "condition") {
    const leaf: ConditionTraceLeaf = {
      kind: "condition",
      field: String(value.field),
      operator: String(value.operator),
      expected: value.expected,
      actual: value.actual,
      result: value.result === true,
    };
    if (Object.hasOwn(value, "previous")) leaf.previous = value.previous;
    if (note) leaf.note = note;
    return leaf;
  }
  return null;
}

/** `{ trigger, conditions, templates }` as recorded by the ingest path or returned by a test run. */
export function readTrace(trace: unknown, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): TraceView {
  const record = isRecord(trace) ? trace : {};
  const trigger = isRecord(record.trigger) ? { matched: record.trigger.matched === true, reason: String(record.trigger.reason ?? "") } : null;
  const templates = isRecord(record.templates) ? record.templates : {};
  const missing = Array.isArray(templates.missing) ? templates.missing.filter((item): item is string => typeof item === "string") : [];
  const previousBasis = typeof record.previousBasis === "string" ? record.previousBasis : null;
  return { trigger, conditions: readNode(record.conditions), missingVariables: missing, truncated: readTruncated(templates.truncated), catalog, previousBasis };
}

function readTruncated(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((entry) => `Action ${Number(entry.action)}’s ${String(entry.field)}: ${formatNumber(Number(entry.length))} characters, cut to ${formatNumber(Number(entry.max))} with an ellipsis`);
}

/** A value as a person reads it, by the field's type; missing and blank values say "empty". */
export function formatTraceValue(value: unknown, field: FieldRef | undefined): string {
  if (value === undefined) return "(not in the event)";
  if (isEmptyValue(value)) return "empty";
  if (Array.isArray(value)) return value.map((item) => formatTraceValue(item, field)).join(", ");
  switch (field?.type) {
    case "number": {
      const number = toNumber(value);
      return number === null ? JSON.stringify(value) : formatNumber(number);
    }
    case "choice":
      return optionLabel(field, value) ?? String(value);
    case "date":
      return parseDate(value) ? String(value) : JSON.stringify(value);
    case "boolean":
      return String(value);
    default:
      return typeof value === "string" ? `“${value}”` : JSON.stringify(value);
  }
}

export type LeafView = {
  field: string;
  operator: string;
  /** "—" for operators that take no value; "3 days" for day counts. */
  expected: string;
  actual: string;
  previous: string | null;
  result: boolean;
  sentence: string;
  note: string | null;
};

export function describeLeaf(leaf: ConditionTraceLeaf, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): LeafView {
  const field = catalog.getField(leaf.field);
  const operator = getOperator(leaf.operator);
  let expected: string;
  if (operator?.valueKind === "none") expected = "—";
  else if (operator?.valueKind === "days") expected = `${String(leaf.expected)} ${toNumber(leaf.expected) === 1 ? "day" : "days"}`;
  else expected = formatTraceValue(leaf.expected, field);
  return {
    field: field?.label ?? leaf.field,
    operator: operator?.label ?? leaf.operator,
    expected,
    actual: formatTraceValue(leaf.actual, field),
    previous: Object.hasOwn(leaf, "previous") ? formatTraceValue(leaf.previous, field) : null,
    result: leaf.result,
    sentence: summarizeConditions({ kind: "group", match: "all", conditions: [{ kind: "condition", field: leaf.field, operator: leaf.operator, value: leaf.expected }] }, catalog),
    note: leaf.note ?? null,
  };
}

/** The leaves that decided a false verdict: every false leaf reached through false groups only. */
export function decidingFalseLeaves(node: ConditionTraceNode | null): ConditionTraceLeaf[] {
  if (!node || node.result) return [];
  if (node.kind === "condition") return [node];
  return node.children.flatMap((child) => decidingFalseLeaves(child));
}
