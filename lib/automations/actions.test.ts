import { describe, expect, it } from "vitest";
import { ACTIONS, actionListSchema, actionSchema, getAction } from "./actions";

const USER = "6f1c1f3e-2b7a-4c1e-9d3a-1f2e3d4c5b6a";

const activity = {
  subject: "Follow up on {{deal.title}}",
  activityType: "task",
  dueInDays: 2,
  assignee: { kind: "deal_owner" },
};

/** [action, valid, expected message, expected path] */
const CASES: [unknown, boolean, string?, (string | number)[]?][] = [
  [{ type: "create_activity", config: activity }, true],
  [{ type: "create_activity", config: { ...activity, assignee: { kind: "automation_owner" }, note: "Call them" } }, true],
  [{ type: "create_activity", config: { ...activity, assignee: { kind: "member", userId: USER } } }, true],
  [{ type: "create_activity", config: { ...activity, subject: "  " } }, false, "Subject is required", ["config", "subject"]],
  [{ type: "create_activity", config: { ...activity, subject: undefined } }, false, "Subject is required", ["config", "subject"]],
  [{ type: "create_activity", config: { ...activity, subject: "x".repeat(201) } }, false, "Subject must be at most 200 characters"],
  [{ type: "create_activity", config: { ...activity, activityType: " " } }, false, "Choose an activity type", ["config", "activityType"]],
  [{ type: "create_activity", config: { ...activity, dueInDays: -1 } }, false, "Due days cannot be negative"],
  [{ type: "create_activity", config: { ...activity, dueInDays: 366 } }, false, "Due date must be within 365 days"],
  [{ type: "create_activity", config: { ...activity, dueInDays: 1.5 } }, false, "Enter a whole number of days"],
  [{ type: "create_activity", config: { ...activity, dueInDays: "2" } }, false, "Enter a number of days"],
  [{ type: "create_activity", config: { ...activity, assignee: { kind: "member", userId: "u-7" } } }, false, "Choose a team member", ["config", "assignee", "userId"]],
  [{ type: "create_activity", config: { ...activity, assignee: { kind: "boss" } } }, false, "Choose who the activity is for"],
  [{ type: "create_activity", config: { ...activity, note: "x".repeat(2001) } }, false, "Note must be at most 2000 characters"],
  [{ type: "send_email", config: { to: { kind: "address", address: "a@b.com" }, subject: "Hi", body: "Hello" } }, true],
  [{ type: "send_email", config: { to: { kind: "deal_owner" }, subject: "Hi", body: "Hello" } }, true],
  [{ type: "send_email", config: { to: { kind: "member", userId: USER }, subject: "Hi", body: "Hello" } }, true],
  [{ type: "send_email", config: { to: { kind: "address", address: "not-an-email" }, subject: "Hi", body: "x" } }, false, "Enter a valid email address", ["config", "to", "address"]],
  [{ type: "send_email", config: { to: { kind: "deal_owner" }, subject: "", body: "x" } }, false, "Subject is required"],
  [{ type: "send_email", config: { to: { kind: "deal_owner" }, subject: "Hi", body: " " } }, false, "Message is required", ["config", "body"]],
  [{ type: "send_email", config: { to: { kind: "deal_owner" }, subject: "Hi", body: "x".repeat(10_001) } }, false, "Message must be at most 10,000 characters"],
  [{ type: "notify_user", config: { to: { kind: "deal_owner" }, message: "Deal {{deal.title}} moved" } }, true],
  [{ type: "notify_user", config: { to: { kind: "automation_owner" }, message: "x" } }, true],
  [{ type: "notify_user", config: { to: { kind: "address", address: "a@b.com" }, message: "x" } }, false, "Choose who to notify"],
  [{ type: "notify_user", config: { to: { kind: "deal_owner" }, message: "x".repeat(501) } }, false, "Message must be at most 500 characters"],
  [{ type: "notify_user", config: { to: { kind: "deal_owner" } } }, false, "Message is required"],
  [{ type: "send_webhook", config: { url: "https://example.com/hook" } }, true],
  [{ type: "send_webhook", config: { url: "http://localhost:3000/x", headers: [{ name: "X-Api-Key", value: "secret" }] } }, true],
  [{ type: "send_webhook", config: { url: "ftp://example.com" } }, false, "Enter a valid URL (http:// or https://)", ["config", "url"]],
  [{ type: "send_webhook", config: { url: "javascript:alert(1)" } }, false, "Enter a valid URL (http:// or https://)"],
  [{ type: "send_webhook", config: { url: "example.com/hook" } }, false, "Enter a valid URL (http:// or https://)"],
  [{ type: "send_webhook", config: { url: "https://x.io", headers: [{ name: "Bad Header", value: "v" }] } }, false, "Header names may contain only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~", ["config", "headers", 0, "name"]],
  [{ type: "send_webhook", config: { url: "https://x.io", headers: [{ name: "X-A", value: "a\r\nInjected: 1" }] } }, false, "Header values cannot contain line breaks"],
  [{ type: "send_webhook", config: { url: "https://x.io", headers: [{ name: "Webhook-Signature", value: "v1,x" }] } }, false, "This header is set automatically"],
  [{ type: "send_webhook", config: { url: "https://x.io", headers: Array.from({ length: 11 }, (_, i) => ({ name: `X-${i}`, value: "v" })) } }, false, "Add at most 10 headers"],
  [{ type: "launch_rocket", config: {} }, false, "Choose an action"],
];

describe("action schemas", () => {
  it.each(CASES)("%j valid: %s", (input, valid, message, path) => {
    const result = actionSchema.safeParse(input);
    expect(result.success).toBe(valid);
    const issues = result.error?.issues ?? [];
    expect(issues.map((issue) => issue.message).filter((m) => m === message)).toEqual(valid ? [] : [message]);
    const key = JSON.stringify(path);
    expect(issues.map((issue) => issue.path).filter((p) => JSON.stringify(p) === key)).toEqual(path ? [path] : []);
  });

  it("covers every action type with valid and invalid configs", () => {
    const covered = ACTIONS.map((action) => {
      const results = new Set(CASES.filter(([input]) => (input as { type: string }).type === action.type).map(([, v]) => v));
      return [action.type, results.size === 2];
    });
    expect(covered).toEqual(ACTIONS.map((action) => [action.type, true]));
  });

  it("defaults webhook headers to an empty list", () => {
    const parsed = actionSchema.parse({ type: "send_webhook", config: { url: "https://example.com/hook" } });
    expect(parsed.config).toEqual({ url: "https://example.com/hook", headers: [] });
  });

  it("requires 1 to 20 actions", () => {
    const one = { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "x" } };
    expect(actionListSchema.safeParse([]).error?.issues[0].message).toBe("Add at least one action");
    expect(actionListSchema.safeParse([one]).success).toBe(true);
    expect(actionListSchema.safeParse(Array.from({ length: 21 }, () => one)).error?.issues[0].message).toBe("Add at most 20 actions");
  });
});

describe("action descriptions", () => {
  it.each<[string, unknown, string]>([
    ["create_activity", activity, "Create a task “Follow up on {{deal.title}}” for the deal owner, due in 2 days"],
    ["create_activity", { ...activity, activityType: "email", dueInDays: 0, assignee: { kind: "automation_owner" } }, "Create an email “Follow up on {{deal.title}}” for the automation owner, due today"],
    ["create_activity", { ...activity, activityType: "call", dueInDays: 1, assignee: { kind: "member", userId: USER } }, "Create a call “Follow up on {{deal.title}}” for a team member, due in 1 day"],
    ["send_email", { to: { kind: "address", address: "a@b.com" }, subject: "subject", body: "b" }, "Send an email to a@b.com: “subject”"],
    ["send_email", { to: { kind: "deal_owner" }, subject: "Hi", body: "b" }, "Send an email to the deal owner: “Hi”"],
    ["notify_user", { to: { kind: "deal_owner" }, message: "Deal moved" }, "Notify the deal owner: “Deal moved”"],
    ["send_webhook", { url: "https://example.com/hook", headers: [] }, "POST to https://example.com/hook"],
  ])("%s %j → %s", (type, config, words) => {
    const definition = getAction(type)!;
    expect(definition.describe(definition.schema.parse(config) as never)).toBe(words);
  });

  it("declares template fields that exist in each schema", () => {
    expect(getAction("create_activity")!.templateFields).toEqual(["subject", "note"]);
    expect(getAction("send_email")!.templateFields).toEqual(["subject", "body"]);
    expect(getAction("notify_user")!.templateFields).toEqual(["message"]);
    expect(getAction("send_webhook")!.templateFields).toEqual([]);
    expect(getAction("launch_rocket")).toBeUndefined();
  });
});
