import { describe, expect, it } from "vitest";
import type { ConditionGroup, ConditionNode } from "@/lib/automations/conditions";
import { compileConditions, getCompiled, type ConditionContext } from "./conditions";

const leaf = (field: string, operator: string, value?: unknown): ConditionNode => ({ kind: "condition", field, operator, value });
const group = (match: "all" | "any", ...conditions: ConditionNode[]): ConditionGroup => ({ kind: "group", match, conditions });

const now = new Date("2026-11-25T10:00:00Z");
const ctx = (data: Record<string, unknown>, previous: Record<string, unknown> | null = null): ConditionContext => ({ data, previous, now });
const deal = { title: "Acme renewal", stage: "negotiation", amount: 12000, source: "Website", expected_close_date: "2026-12-01" };

describe("compileConditions", () => {
  it.each<[string, ConditionGroup | null, Record<string, unknown>, boolean]>([
    ["null is always true", null, deal, true],
    ["empty all", group("all"), deal, true],
    ["empty any", group("any"), deal, true],
    ["all true", group("all", leaf("deal.amount", "gt", 10000), leaf("deal.stage", "equals", "Negotiation")), deal, true],
    ["all with one false", group("all", leaf("deal.amount", "gt", 10000), leaf("deal.stage", "equals", "lead")), deal, false],
    ["any with one true", group("any", leaf("deal.amount", "gt", 50000), leaf("deal.source", "contains", "web")), deal, true],
    ["any all false", group("any", leaf("deal.amount", "gt", 50000), leaf("deal.source", "contains", "fair")), deal, false],
    [
      "nested: all(amount, any(stage, source))",
      group("all", leaf("deal.amount", "gt", 10000), group("any", leaf("deal.stage", "equals", "lead"), leaf("deal.source", "contains", "web"))),
      deal,
      true,
    ],
    [
      "nested false inner group",
      group("all", leaf("deal.amount", "gt", 10000), group("any", leaf("deal.stage", "equals", "lead"), leaf("deal.source", "contains", "fair"))),
      deal,
      false,
    ],
    [
      "three levels",
      group("any", group("all", group("any", leaf("deal.title", "starts_with", "acme")), leaf("deal.amount", "lte", 12000))),
      deal,
      true,
    ],
    ["missing field value", group("all", leaf("deal.probability", "gt", 10)), deal, false],
    ["mistyped value", group("all", leaf("deal.amount", "gt", 10)), { ...deal, amount: "a lot" }, false],
  ])("%s", (_, tree, data, result) => {
    const evaluate = compileConditions(tree);
    expect(evaluate.error).toBeNull();
    expect(evaluate(ctx(data)).result).toBe(result);
  });

  it("traces every leaf with expected, actual and previous values", () => {
    const evaluate = compileConditions(group("all", leaf("deal.amount", "gt", 10000), group("any", leaf("deal.stage", "changed_to", "negotiation"), leaf("deal.source", "is_empty"))));
    const { trace } = evaluate(ctx(deal, { stage: "proposal" }));
    expect(trace).toEqual({
      kind: "group",
      match: "all",
      result: true,
      children: [
        { kind: "condition", field: "deal.amount", operator: "gt", expected: 10000, actual: 12000, result: true },
        {
          kind: "group",
          match: "any",
          result: true,
          children: [
            { kind: "condition", field: "deal.stage", operator: "changed_to", expected: "negotiation", actual: "negotiation", previous: "proposal", result: true },
            { kind: "condition", field: "deal.source", operator: "is_empty", expected: undefined, actual: "Website", result: false },
          ],
        },
      ],
    });
  });

  it.each<[string, unknown, string]>([
    ["unknown operator", group("all", leaf("deal.amount", "approximately", 10000)), "Unknown operator “approximately”"],
    ["unknown field", group("all", leaf("deal.weight", "gt", 1)), "Unknown field “deal.weight”"],
    ["operator for another type", group("all", leaf("deal.title", "gt", 1)), "Title is greater than: “Is greater than” cannot be used with text fields"],
    ["invalid value", group("all", leaf("deal.amount", "gt", "lots")), "Amount is greater than: Enter a number"],
    ["bad match", { kind: "group", match: "some", conditions: [] }, "Unknown group match “some”"],
    ["bad node", { kind: "group", match: "all", conditions: [42] }, "Invalid condition node “42”"],
    ["no list", { kind: "group", match: "all" }, "Condition group has no list of conditions"],
    ["too deep", [1, 2, 3, 4, 5].reduce<ConditionNode>((node) => group("all", node), group("all")), "Conditions are nested deeper than 5 levels"],
  ])("fails, never passes, on %s", (_, tree, error) => {
    const evaluate = compileConditions(tree);
    expect(evaluate.error).toBe(error);
    // Even inside an "any" whose other branch is true, the whole evaluation fails.
    const wrapped = compileConditions(group("any", leaf("deal.amount", "gt", 0), tree as ConditionNode));
    expect(wrapped(ctx(deal)).result).toBe(false);
    expect(evaluate(ctx(deal)).result).toBe(false);
  });

  it("notes the reason on the failing leaf of the trace", () => {
    const { trace } = compileConditions(group("all", leaf("deal.amount", "approximately", 10000)))(ctx(deal));
    expect(trace).toMatchObject({ children: [{ operator: "approximately", actual: 12000, result: false, note: "Unknown operator “approximately”" }] });
  });

  it("caches by automation id and version", () => {
    const a = getCompiled({ id: "cache-a", version: 1, conditions: group("all", leaf("deal.amount", "gt", 1)) });
    expect(getCompiled({ id: "cache-a", version: 1, conditions: null })).toBe(a);
    expect(getCompiled({ id: "cache-a", version: 2, conditions: null })).not.toBe(a);
  });
});
