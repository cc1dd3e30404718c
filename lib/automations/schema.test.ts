import { describe, expect, it } from "vitest";
import { automationInputSchema } from "./schema";

const canonical = {
  name: "  Negotiation follow-up ",
  trigger: { type: "deal.stage_changed", to: "negotiation" },
  conditions: {
    kind: "group",
    match: "all",
    conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 10000 }],
  },
  actions: [
    {
      type: "create_activity",
      config: { subject: "Follow up on {{deal.title}}", activityType: "task", dueInDays: 2, assignee: { kind: "deal_owner" } },
    },
    { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{deal.title}} is in negotiation" } },
  ],
};

function issuesOf(input: unknown) {
  const result = automationInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

describe("automationInputSchema", () => {
  it("accepts the canonical automation and trims the name", () => {
    const parsed = automationInputSchema.parse(canonical);
    expect(parsed.name).toBe("Negotiation follow-up");
    expect(parsed.actions).toHaveLength(2);
  });

  it("turns absent conditions into null", () => {
    expect(automationInputSchema.parse({ ...canonical, conditions: undefined }).conditions).toBeNull();
    expect(automationInputSchema.parse({ ...canonical, conditions: null }).conditions).toBeNull();
  });

  it.each<[string, unknown, [string, string][]]>([
    ["blank name", { ...canonical, name: "   " }, [["name", "Name is required"]]],
    ["missing name", { ...canonical, name: undefined }, [["name", "Name is required"]]],
    ["long name", { ...canonical, name: "x".repeat(121) }, [["name", "Name must be at most 120 characters"]]],
    ["long description", { ...canonical, description: "x".repeat(1001) }, [["description", "Description must be at most 1000 characters"]]],
    ["no actions", { ...canonical, actions: [] }, [["actions", "Add at least one action"]]],
    ["bad action", { ...canonical, actions: [{ type: "notify_user", config: { to: { kind: "deal_owner" }, message: "" } }] }, [["actions.0.config.message", "Message is required"]]],
    ["bad trigger", { ...canonical, trigger: { type: "deal.stage_changed", to: "" } }, [["trigger.to", "Choose a stage"]]],
    [
      "unknown operator",
      { ...canonical, conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "approx", value: 1 }] } },
      [["conditions.conditions.0.operator", "Unknown operator “approx”"]],
    ],
    [
      "field of another entity",
      { ...canonical, conditions: { kind: "group", match: "any", conditions: [{ kind: "condition", field: "contact.email", operator: "is_empty" }] } },
      [["conditions.conditions.0.field", "Choose a deal field: this automation runs on deal events"]],
    ],
  ])("%s", (_, input, issues) => {
    expect(issuesOf(input)).toEqual(issues);
  });

  it("accepts contact fields on a contact trigger", () => {
    const input = {
      ...canonical,
      trigger: { type: "contact.created" },
      conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "contact.email", operator: "ends_with", value: "@acme.com" }] },
    };
    expect(issuesOf(input)).toEqual([]);
  });
});
