// Our automations translated faithfully into json-rules-engine rules: the same trigger semantics
// (as dynamic facts computed inside the engine), the same operators (case-insensitive text, like
// ours), one engine per trigger type (the same index our loader uses).
import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import type { AutomationFormValues } from "@/lib/automations/schema";
import type { ConditionGroup, ConditionNode } from "@/lib/automations/conditions";
import type { NormalizedEvent } from "@/lib/engine/event";

const norm = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : v);
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

const OPERATOR_NAMES: Record<string, string> = {
  equals: "textEquals",
  not_equals: "textNotEquals",
  gt: "greaterThan",
  gte: "greaterThanInclusive",
  lt: "lessThan",
  lte: "lessThanInclusive",
  contains: "textContains",
  starts_with: "textStartsWith",
  is_not_empty: "isNotEmpty",
  is_empty: "isEmpty",
};

function leaf(field: string, operator: string, value: unknown): NestedCondition {
  const name = OPERATOR_NAMES[operator];
  if (!name) throw new Error(`no translation for operator ${operator}`);
  return { fact: field.split(".")[1], operator: name, value: value ?? null };
}

function translateNode(node: ConditionNode): NestedCondition {
  if (node.kind === "condition") return leaf(node.field, node.operator, node.value);
  const children = node.conditions.map(translateNode);
  return node.match === "all" ? { all: children } : { any: children };
}

function triggerConditions(trigger: AutomationFormValues["trigger"]): NestedCondition[] {
  switch (trigger.type) {
    case "deal.stage_changed": {
      const out: NestedCondition[] = [
        { fact: "changed", params: { field: "stage" }, operator: "equal", value: true },
        { fact: "stage", operator: "textEquals", value: trigger.to },
      ];
      if (trigger.from) out.push({ fact: "previousValue", params: { field: "stage" }, operator: "textEquals", value: trigger.from });
      return out;
    }
    case "deal.won":
    case "deal.lost":
      return [
        { fact: "changed", params: { field: "status" }, operator: "equal", value: true },
        { fact: "status", operator: "textEquals", value: trigger.type === "deal.won" ? "won" : "lost" },
      ];
    case "deal.owner_changed":
      return [{ fact: "changed", params: { field: "owner_id" }, operator: "equal", value: true }];
    case "activity.completed":
      return [
        { fact: "changed", params: { field: "done" }, operator: "equal", value: true },
        { fact: "done", operator: "equal", value: true },
      ];
    default: {
      const base: NestedCondition[] = [{ fact: "eventType", operator: "equal", value: trigger.type }];
      const fields = "fields" in trigger ? trigger.fields : undefined;
      if (fields && fields.length > 0) {
        base.push({ any: fields.map((field) => ({ fact: "changed", params: { field }, operator: "equal", value: true })) });
      }
      return base;
    }
  }
}

export function toRule(automation: AutomationFormValues, id: string): RuleProperties {
  const conditions: NestedCondition[] = triggerConditions(automation.trigger);
  if (automation.conditions) conditions.push(translateNode(automation.conditions as ConditionGroup));
  return { conditions: { all: conditions } as TopLevelCondition, event: { type: "run", params: { id } } };
}

function newEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator("textEquals", (a: unknown, b: unknown) => !isEmpty(a) && norm(a) === norm(b));
  engine.addOperator("textNotEquals", (a: unknown, b: unknown) => norm(a) !== norm(b));
  engine.addOperator("textContains", (a: unknown, b: unknown) => typeof a === "string" && a.toLowerCase().includes(String(b).toLowerCase()));
  engine.addOperator("textStartsWith", (a: unknown, b: unknown) => typeof a === "string" && a.trim().toLowerCase().startsWith(String(b).toLowerCase()));
  engine.addOperator("isNotEmpty", (a: unknown) => !isEmpty(a));
  engine.addOperator("isEmpty", (a: unknown) => isEmpty(a));
  return engine;
}

/** One json-rules-engine per trigger type, like our (workspace_id, trigger_type) index. */
export class JsonRulesIndex {
  private readonly engines = new Map<string, Engine>();

  constructor(automations: readonly AutomationFormValues[], ids: readonly string[]) {
    automations.forEach((automation, i) => {
      let engine = this.engines.get(automation.trigger.type);
      if (!engine) this.engines.set(automation.trigger.type, (engine = newEngine()));
      engine.addRule(toRule(automation, ids[i]));
    });
  }

  /** The ids of the automations whose trigger and conditions pass. */
  async passing(event: NormalizedEvent, triggerTypes: readonly string[]): Promise<string[]> {
    const facts: Record<string, unknown> = { ...event.entity.data, eventType: event.type };
    const previous = event.previous ?? {};
    const data = event.entity.data;
    const ids: string[] = [];
    for (const type of triggerTypes) {
      const engine = this.engines.get(type);
      if (!engine) continue;
      const run = await engine.run({
        ...facts,
        changed: (params: { field: string }) =>
          Object.hasOwn(previous, params.field) && JSON.stringify(previous[params.field]) !== JSON.stringify(data[params.field]),
        previousValue: (params: { field: string }) => previous[params.field],
      });
      for (const e of run.events) ids.push(String(e.params?.id));
    }
    return ids;
  }
}
