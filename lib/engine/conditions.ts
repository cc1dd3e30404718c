// Compiles a stored condition tree into closures once per automation version, so evaluating an
// event is plain function calls. Stored data may predate this code: anything the registries no
// longer know compiles into an evaluator that fails with a reason, never one that passes.

import { MAX_CONDITION_DEPTH } from "@/lib/automations/conditions";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import type { FieldType } from "@/lib/automations/fields";
import { getOperator, type OperatorDefinition } from "@/lib/automations/operators";
import { readOwn } from "@/lib/automations/values";
import { BoundedCache } from "./bounded-cache";

export type ConditionTraceLeaf = {
  kind: "condition";
  field: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  /** Present only when the event carried an old value for the field. */
  previous?: unknown;
  result: boolean;
  note?: string;
};
export type ConditionTraceGroup = {
  kind: "group";
  match: "all" | "any";
  result: boolean;
  children: ConditionTraceNode[];
  note?: string;
};
export type ConditionTraceNode = ConditionTraceLeaf | ConditionTraceGroup;

export type ConditionContext = {
  data: Record<string, unknown>;
  previous: Record<string, unknown> | null;
  now: Date;
};
export type ConditionResult = { result: boolean; trace: ConditionTraceNode | null };
/** Evaluates the tree; `error` is set when the tree cannot run (every evaluation then fails). */
export type ConditionEvaluator = ((ctx: ConditionContext) => ConditionResult) & { readonly error: string | null };

type NodeEvaluator = (ctx: ConditionContext) => ConditionTraceNode;

const CACHE_LIMIT = 5_000;
const cache = new BoundedCache<string, ConditionEvaluator>(CACHE_LIMIT);

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function failingLeaf(field: string, operator: string, expected: unknown, note: string): NodeEvaluator {
  return (ctx) => {
    const key = field.slice(field.indexOf(".") + 1);
    return { kind: "condition", field, operator, expected, actual: readOwn(ctx.data, key), result: false, note };
  };
}

/** What compiling one tree needs: the workspace's catalog, and where errors are collected. */
type CompileScope = { catalog: FieldCatalog; errors: string[] };

function compileLeaf(node: Record<string, unknown>, { catalog, errors }: CompileScope): NodeEvaluator {
  const field = typeof node.field === "string" ? node.field : String(node.field);
  const operatorId = typeof node.operator === "string" ? node.operator : String(node.operator);
  const expected = node.value;
  const fail = (note: string) => {
    errors.push(note);
    return failingLeaf(field, operatorId, expected, note);
  };
  const definition = catalog.getField(field);
  if (!definition) return fail(`Unknown field “${field}”`);
  const operator = getOperator(operatorId);
  if (!operator) return fail(`Unknown operator “${operatorId}”`);
  const invalid = operator.validate(expected, definition.type);
  if (invalid) return fail(`${definition.label} ${operator.phrase}: ${invalid}`);
  return evaluateLeaf(field, definition.key, definition.type, operator, expected);
}

function evaluateLeaf(
  field: string,
  key: string,
  fieldType: FieldType,
  operator: OperatorDefinition,
  expected: unknown,
): NodeEvaluator {
  const operatorId = operator.id;
  return (ctx) => {
    const actual = readOwn(ctx.data, key);
    const hasPrevious = ctx.previous !== null && Object.hasOwn(ctx.previous, key);
    const previous = hasPrevious ? ctx.previous![key] : undefined;
    let result: boolean;
    let note: string | undefined;
    try {
      result = operator.test({ actual, expected, previous, hasPrevious, fieldType, now: ctx.now }) === true;
    } catch (error) {
      // Operators are written not to throw; if one does, the condition fails visibly.
      result = false;
      note = `operator failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    const trace: ConditionTraceLeaf = { kind: "condition", field, operator: operatorId, expected, actual, result };
    if (hasPrevious) trace.previous = previous;
    if (note) trace.note = note;
    return trace;
  };
}

function compileGroup(node: Record<string, unknown>, depth: number, scope: CompileScope): NodeEvaluator {
  const match = node.match === "any" ? "any" : "all";
  const fail = (note: string): NodeEvaluator => {
    scope.errors.push(note);
    return () => ({ kind: "group", match, result: false, children: [], note });
  };
  if (node.match !== "all" && node.match !== "any") return fail(`Unknown group match “${String(node.match)}”`);
  // Checked before recursing so corrupt data cannot exhaust the stack.
  if (depth > MAX_CONDITION_DEPTH) return fail(`Conditions are nested deeper than ${MAX_CONDITION_DEPTH} levels`);
  if (!Array.isArray(node.conditions)) return fail("Condition group has no list of conditions");
  const children = node.conditions.map((child) => compileNode(child, depth + 1, scope));
  const count = children.length;
  const isAll = match === "all";
  return (ctx) => {
    const traces: ConditionTraceNode[] = [];
    // An empty group places no constraint, so it passes for "any" as well as "all".
    let result = isAll || count === 0;
    for (let i = 0; i < count; i++) {
      const trace = children[i](ctx);
      traces.push(trace);
      result = isAll ? result && trace.result : result || trace.result;
    }
    return { kind: "group", match, result, children: traces };
  };
}

function compileNode(raw: unknown, depth: number, scope: CompileScope): NodeEvaluator {
  const node = asRecord(raw);
  if (node?.kind === "group") return compileGroup(node, depth, scope);
  if (node?.kind === "condition") return compileLeaf(node, scope);
  const note = `Invalid condition node “${JSON.stringify(raw)?.slice(0, 80)}”`;
  scope.errors.push(note);
  return () => ({ kind: "group", match: "all", result: false, children: [], note });
}

const ALWAYS: ConditionEvaluator = Object.assign(() => ({ result: true, trace: null }), { error: null });

/** Compiles a condition tree (or null = always true) into an evaluator, over a workspace's catalog. */
export function compileConditions(group: unknown, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): ConditionEvaluator {
  if (group === null || group === undefined) return ALWAYS;
  const errors: string[] = [];
  const root = compileNode(group, 1, { catalog, errors });
  const error = errors.length > 0 ? errors.join("; ") : null;
  const evaluate = (ctx: ConditionContext): ConditionResult => {
    const trace = root(ctx);
    return { result: error === null && trace.result, trace };
  };
  return Object.assign(evaluate, { error });
}

/** The compiled conditions of an automation version, compiled at most once per process and catalog. */
export function getCompiled(
  automation: { id: string; version: number; conditions: unknown },
  catalog: FieldCatalog = DEFAULT_FIELD_CATALOG,
): ConditionEvaluator {
  return cache.getOrCreate(`${automation.id}:${automation.version}:${catalog.stamp}`, () => compileConditions(automation.conditions, catalog));
}
