import { describe, expect, it } from "vitest";
import { normalizeAutomationInput } from "./normalize-input";

const PLAN_ACTION = { type: "create_activity", subject: "Follow up", due_in_days: 2 };
const PLAN_TRIGGER = { type: "deal_stage_changed", stage_id: "negotiation" };

const withFallback = (fallback: unknown) =>
  normalizeAutomationInput({ name: "x", trigger: PLAN_TRIGGER, action: { type: "notify_user", to: "deal_owner", message: "Hi", if_owner_missing: fallback } });
const fallbackOf = (result: ReturnType<typeof withFallback>) => result.ok && (result.data.actions[0].config as { ifOwnerMissing?: unknown }).ifOwnerMissing;

describe("normalizeAutomationInput", () => {
  it("accepts the plan's JSON shapes and returns the stored form", () => {
    const result = normalizeAutomationInput({
      name: "Plan example",
      trigger: PLAN_TRIGGER,
      condition: { field: "amount", operator: ">", value: 1000 },
      action: PLAN_ACTION,
    });
    expect(result).toEqual({
      ok: true,
      data: {
        name: "Plan example",
        trigger: { type: "deal.stage_changed", to: "negotiation" },
        conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 1000 }] },
        // A deal-owner action gets the default fallback, as in the editor.
        actions: [{ type: "create_activity", config: { subject: "Follow up", dueInDays: 2, activityType: "task", assignee: { kind: "deal_owner" }, ifOwnerMissing: { kind: "automation_owner" } } }],
      },
    });
  });

  it("takes the owner fallback as a word, a member's id or the stored form, and refuses an unknown one", () => {
    expect(fallbackOf(withFallback("skip"))).toEqual({ kind: "skip" });
    expect(fallbackOf(withFallback("automation_owner"))).toEqual({ kind: "automation_owner" });
    expect(fallbackOf(withFallback("00000000-0000-4000-8000-000000000001"))).toEqual({ kind: "member", userId: "00000000-0000-4000-8000-000000000001" });
    expect(fallbackOf(withFallback({ kind: "member", user_id: "00000000-0000-4000-8000-000000000001" }))).toEqual({ kind: "member", userId: "00000000-0000-4000-8000-000000000001" });
    const bad = withFallback("the boss");
    expect(bad.ok).toBe(false);
  });

  it.each([
    [">", "gt"], [">=", "gte"], ["<", "lt"], ["<=", "lte"], ["=", "equals"], ["!=", "not_equals"], ["notEquals", "not_equals"], ["gte", "gte"],
  ])("maps the operator %s to %s", (sent, stored) => {
    const result = normalizeAutomationInput({ name: "x", trigger: PLAN_TRIGGER, condition: { field: "amount", operator: sent, value: 5 }, action: PLAN_ACTION });
    expect(result.ok && (result.data.conditions!.conditions[0] as { operator: string }).operator).toBe(stored);
  });

  it("accepts the stored form unchanged, with several actions and a group", () => {
    const stored = {
      name: "Stored",
      trigger: { type: "deal.updated", fields: ["amount"] },
      condition: { kind: "group", match: "any", conditions: [{ kind: "condition", field: "deal.amount", operator: "gte", value: 10 }] },
      action: [
        { type: "notify_user", config: { to: { kind: "automation_owner" }, message: "Hi" } },
        { type: "send_webhook", config: { url: "https://example.com/hook", headers: [] } },
      ],
    };
    const result = normalizeAutomationInput(stored);
    expect(result.ok).toBe(true);
    expect(result.ok && result.data.actions.map((a) => a.type)).toEqual(["notify_user", "send_webhook"]);
    expect(result.ok && result.data.conditions).toEqual(stored.condition);
  });

  it("reports a single leaf's bad value at the path the client sent", () => {
    const result = normalizeAutomationInput({ name: "x", trigger: PLAN_TRIGGER, condition: { field: "amount", operator: ">", value: "lots" }, action: PLAN_ACTION });
    expect(result).toEqual({ ok: false, issues: [{ path: ["input", "condition", "value"], message: "Enter a number" }] });
  });

  it("reports a group leaf's bad value under conditions and its index", () => {
    const result = normalizeAutomationInput({
      name: "x",
      trigger: PLAN_TRIGGER,
      condition: { match: "all", conditions: [{ field: "amount", operator: ">", value: "lots" }] },
      action: PLAN_ACTION,
    });
    expect(result).toEqual({ ok: false, issues: [{ path: ["input", "condition", "conditions", 0, "value"], message: "Enter a number" }] });
  });

  it("refuses unknown keys, naming each where it was sent", () => {
    const result = normalizeAutomationInput({
      name: "x",
      trigger: { ...PLAN_TRIGGER, colour: "red" },
      condition: { field: "amount", operator: ">", value: 1, unit: "EUR" },
      action: [PLAN_ACTION, { ...PLAN_ACTION, priority: "high" }],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      { path: ["input", "trigger", "colour"], message: "Unknown key “colour”" },
      { path: ["input", "condition", "unit"], message: "Unknown key “unit”" },
      { path: ["input", "action", 1, "priority"], message: "Unknown key “priority”" },
    ]);
  });

  it("reports the form's messages at snake_case keys and array positions", () => {
    const result = normalizeAutomationInput({
      name: " ",
      trigger: { type: "deal_stage_changed" },
      action: [PLAN_ACTION, { type: "create_activity", subject: "", due_in_days: -1 }],
    });
    expect(!result.ok && result.issues).toEqual(
      expect.arrayContaining([
        { path: ["input", "name"], message: "Name is required" },
        { path: ["input", "trigger", "to"], message: "Choose a stage" },
        { path: ["input", "action", 1, "subject"], message: "Subject is required" },
        { path: ["input", "action", 1, "due_in_days"], message: "Due days cannot be negative" },
      ]),
    );
  });

  it("refuses an unknown trigger, operator and action type with the form's messages", () => {
    const result = normalizeAutomationInput({
      name: "x",
      trigger: { type: "deal_exploded" },
      condition: { field: "amount", operator: "~", value: 1 },
      action: { type: "launch_rocket" },
    });
    expect(result.ok).toBe(false);
    const messages = !result.ok ? result.issues.map((i) => `${i.path.join(".")}: ${i.message}`) : [];
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^input\.trigger.*Choose a trigger/), expect.stringMatching(/^input\.action.*Choose an action/)]));
  });
});
