import { describe, expect, it } from "vitest";
import { skipReason } from "./skip-reason";

const leaf = (field: string, operator: string, expected: unknown, actual: unknown, result: boolean) => ({ kind: "condition", field, operator, expected, actual, result });

describe("skipReason", () => {
  it("names the first unmet condition with the actual value", () => {
    const trace = {
      trigger: { matched: true, reason: "" },
      conditions: {
        kind: "group",
        match: "all",
        result: false,
        children: [leaf("deal.amount", "gt", 50000, 60000, true), leaf("deal.currency", "equals", "EUR", "USD", false)],
      },
    };
    expect(skipReason(trace)).toBe("Not met: Currency is EUR (actual: USD)");
  });

  it("goes into nested groups, and says nothing when the conditions passed or are absent", () => {
    const nested = { conditions: { kind: "group", match: "any", result: false, children: [{ kind: "group", match: "all", result: false, children: [leaf("deal.amount", "gt", 50000, 100, false)] }] } };
    expect(skipReason(nested)).toMatch(/^Not met: Amount is greater than 50,000 \(actual: 100\)$/);
    expect(skipReason({ conditions: { kind: "group", match: "all", result: true, children: [] } })).toBeNull();
    expect(skipReason(null)).toBeNull();
    expect(skipReason({ conditions: "garbage" })).toBeNull();
  });
});
