import { describe, expect, it } from "vitest";
import type { ConditionGroup, ConditionNode } from "./conditions";
import { describeAction, summarizeActions, summarizeConditions } from "./summaries";

const leaf = (field: string, operator: string, value?: unknown): ConditionNode => ({ kind: "condition", field, operator, value });
const group = (match: "all" | "any", ...conditions: ConditionNode[]): ConditionGroup => ({ kind: "group", match, conditions });

describe("summarizeConditions", () => {
  it.each<[ConditionGroup | null, string]>([
    [null, "No conditions"],
    [group("all"), "No conditions"],
    [
      group("all", leaf("deal.amount", "gt", 10000), group("any", leaf("deal.stage", "equals", "negotiation"), leaf("deal.source", "contains", "web"))),
      "Amount is greater than 10,000 and (Stage is Negotiation or Source contains “web”)",
    ],
    [group("any", leaf("deal.amount", "gte", "1234567.5"), leaf("deal.probability", "lt", 50)), "Amount is at least 1,234,567.5 or Probability is less than 50"],
    [group("all", group("any", leaf("deal.title", "is_empty"))), "Title is empty"],
    [group("all", leaf("deal.stage", "in_list", ["proposal", "contract_sent", "discovery"])), "Stage is one of Proposal, Contract sent or discovery"],
    [group("all", leaf("deal.expected_close_date", "before", "2026-12-01")), "Expected close date is before Dec 1, 2026"],
    [group("all", leaf("deal.expected_close_date", "after", "2026-12-01T15:30:00Z")), "Expected close date is after Dec 1, 2026, 3:30 PM UTC"],
    [group("all", leaf("deal.expected_close_date", "within_next_days", 7)), "Expected close date is within the next 7 days"],
    [group("all", leaf("contact.created_at", "within_last_days", 1)), "Created at is within the last 1 day"],
    [group("all", leaf("activity.done", "is_true")), "Done is true"],
    [group("all", leaf("deal.stage", "changed_from", "proposal"), leaf("deal.owner_id", "changed")), "Stage changed from Proposal and Owner changed"],
    [group("all", leaf("deal.zzz", "frobs", "x")), "deal.zzz frobs “x”"],
  ])("%j → %s", (tree, words) => {
    expect(summarizeConditions(tree)).toBe(words);
  });
});

describe("actions in words", () => {
  const activity = {
    type: "create_activity",
    config: { subject: "Follow up on {{deal.title}}", activityType: "task", dueInDays: 2, assignee: { kind: "deal_owner" } },
  };
  const notify = { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "Deal moved" } };

  it("summarizes the short form", () => {
    expect(summarizeActions([activity, notify])).toBe("Create activity, then notify user");
    expect(summarizeActions([notify])).toBe("Notify user");
    expect(summarizeActions([notify, { type: "Launch" }])).toBe("Notify user, then unknown action “Launch”");
    expect(summarizeActions([])).toBe("No actions");
  });

  it("describes one action in full", () => {
    expect(describeAction(activity)).toBe("Create a task “Follow up on {{deal.title}}” for the deal owner, due in 2 days");
    expect(describeAction(notify)).toBe("Notify the deal owner: “Deal moved”");
    expect(describeAction({ type: "send_webhook", config: { url: "nope" } })).toBe("Send webhook (invalid settings)");
    expect(describeAction({ type: "fax" })).toBe("Unknown action “fax”");
    expect(describeAction(null)).toBe("Unknown action “undefined”");
  });

  it("names the owner after what the trigger's events are about", () => {
    expect(describeAction(notify, "deal")).toBe("Notify the deal owner: “Deal moved”");
    expect(describeAction(notify, "contact")).toBe("Notify the contact's owner: “Deal moved”");
    expect(describeAction(activity, "activity")).toBe("Create a task “Follow up on {{deal.title}}” for the activity's owner, due in 2 days");
    const email = { type: "send_email", config: { to: { kind: "deal_owner" }, subject: "Hi", body: "B" } };
    expect(describeAction(email, "organization")).toBe("Send an email to the organization's owner: “Hi”");
  });
});

const activity = (ifOwnerMissing?: unknown) => ({
  type: "create_activity",
  config: { subject: "Call", activityType: "call", dueInDays: 2, assignee: { kind: "deal_owner" }, ...(ifOwnerMissing ? { ifOwnerMissing } : {}) },
});

describe("the owner fallback in words", () => {
  it.each<[unknown, string]>([
    [{ kind: "automation_owner" }, "Create a call “Call” for the deal owner (if the deal owner cannot be found: the automation owner), due in 2 days"],
    [{ kind: "member", userId: "00000000-0000-4000-8000-000000000001" }, "Create a call “Call” for the deal owner (if the deal owner cannot be found: a team member), due in 2 days"],
    [{ kind: "skip" }, "Create a call “Call” for the deal owner (if the deal owner cannot be found: skip this action), due in 2 days"],
    [undefined, "Create a call “Call” for the deal owner, due in 2 days"],
  ])("%j", (fallback, words) => {
    expect(describeAction(activity(fallback) as never)).toBe(words);
  });
});
