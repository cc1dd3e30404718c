import { describe, expect, it } from "vitest";
import { conditionsSchema, type ConditionGroup, type ConditionNode } from "./conditions";

const leaf = (field: string, operator: string, value?: unknown): ConditionNode => ({ kind: "condition", field, operator, value });
const group = (match: "all" | "any", ...conditions: ConditionNode[]): ConditionGroup => ({ kind: "group", match, conditions });

function nest(depth: number): ConditionGroup {
  let node: ConditionGroup = group("all", leaf("deal.amount", "gt", 1));
  for (let i = 1; i < depth; i++) node = group("all", node);
  return node;
}

/** [tree, expected issues as [path, message]] */
const CASES: [unknown, [(string | number)[], string][]][] = [
  [null, []],
  [group("all"), []],
  [group("all", leaf("deal.amount", "gt", 10000)), []],
  [group("all", leaf("deal.amount", "gt", 10000), group("any", leaf("deal.stage", "equals", "negotiation"), leaf("deal.source", "contains", "web"))), []],
  [group("all", leaf("deal.nope", "equals", "x")), [[["conditions", 0, "field"], "Unknown field “deal.nope”"]]],
  [group("all", leaf("deal.amount", "regex", "x")), [[["conditions", 0, "operator"], "Unknown operator “regex”"]]],
  [group("all", leaf("deal.title", "gt", 5)), [[["conditions", 0, "operator"], "“Is greater than” cannot be used with Title"]]],
  [group("all", leaf("deal.amount", "gt", "lots")), [[["conditions", 0, "value"], "Enter a number"]]],
  [
    group("all", leaf("deal.amount", "gt", 1), group("any", leaf("deal.stage", "in_list", []), leaf("deal.expected_close_date", "before", "soon"))),
    [
      [["conditions", 1, "conditions", 0, "value"], "Enter at least one value"],
      [["conditions", 1, "conditions", 1, "value"], "Enter a valid date (YYYY-MM-DD)"],
    ],
  ],
  [group("all", leaf("", "equals", "x")), [[["conditions", 0, "field"], "Choose a field"]]],
  [group("all", group("any")), [[["conditions", 0, "conditions"], "Add a condition to this group or remove it"]]],
  [nest(5), []],
  [nest(6), [[["conditions", 0, "conditions", 0, "conditions", 0, "conditions", 0, "conditions", 0], "Groups can be nested at most 5 levels deep"]]],
  [group("all", ...Array.from({ length: 50 }, () => leaf("deal.amount", "gt", 1))), []],
  [group("all", ...Array.from({ length: 51 }, () => leaf("deal.amount", "gt", 1))), [[["conditions"], "Use at most 50 conditions"]]],
  [
    group("all", ...Array.from({ length: 26 }, () => leaf("deal.amount", "gt", 1)), group("any", ...Array.from({ length: 25 }, () => leaf("deal.amount", "gt", 1)))),
    [[["conditions"], "Use at most 50 conditions"]],
  ],
  [{ kind: "group", match: "most", conditions: [] }, [[["match"], "Choose “all” or “any”"]]],
];

describe("conditionsSchema", () => {
  it.each(CASES)("%j → %j", (tree, issues) => {
    const result = conditionsSchema.safeParse(tree);
    expect(result.success).toBe(issues.length === 0);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message]) ?? []).toEqual(issues);
  });
});
