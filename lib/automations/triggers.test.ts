import { describe, expect, it } from "vitest";
import type { EventType, InternalEventType, NormalizedEvent } from "@/lib/engine/event";
import { ENTITY_TYPES } from "./fields";
import { TRIGGERS, describeTrigger, getTrigger, triggerSchema, triggerTypesForEvent, type Trigger } from "./triggers";

function event(type: EventType | InternalEventType, data: Record<string, unknown>, previous: Record<string, unknown> | null = null): NormalizedEvent {
  return {
    type,
    occurredAt: "2026-11-25T10:00:00Z",
    entity: { type: type.split(".")[0] as NormalizedEvent["entity"]["type"], id: "X-1", data },
    previous,
  };
}

const deal = { title: "Acme renewal", stage: "negotiation", status: "open", owner_id: "u-7", amount: 12000 };

/** [trigger, event, matched] — every trigger type has at least one match and one non-match. */
const MATCHES: [Trigger, NormalizedEvent, boolean][] = [
  ...ENTITY_TYPES.flatMap((entity): [Trigger, NormalizedEvent, boolean][] => [
    [{ type: `${entity}.created` } as Trigger, event(`${entity}.created`, {}), true],
    [{ type: `${entity}.created` } as Trigger, event(`${entity}.updated`, {}, {}), false],
    [{ type: `${entity}.updated` } as Trigger, event(`${entity}.updated`, {}, {}), true],
    [{ type: `${entity}.updated` } as Trigger, event(`${entity}.deleted`, {}), false],
    [{ type: `${entity}.deleted` } as Trigger, event(`${entity}.deleted`, {}), true],
    [{ type: `${entity}.deleted` } as Trigger, event(`${entity}.created`, {}), false],
  ]),
  [{ type: "deal.created" }, event("contact.created", {}), false],
  [{ type: "deal.updated", fields: ["amount", "stage"] }, event("deal.updated", deal, { stage: "proposal" }), true],
  [{ type: "deal.updated", fields: ["amount"] }, event("deal.updated", deal, { stage: "proposal" }), false],
  [{ type: "deal.updated", fields: ["amount"] }, event("deal.updated", deal, null), false],
  [{ type: "deal.updated", fields: [] }, event("deal.updated", deal, null), true],
  [{ type: "contact.updated", fields: ["email"] }, event("contact.updated", {}, { email: "old@x.com" }), true],
  [{ type: "deal.stage_changed", to: "negotiation" }, event("deal.updated", deal, { stage: "proposal" }), true],
  [{ type: "deal.stage_changed", to: "Negotiation" }, event("deal.updated", deal, { stage: "proposal" }), true],
  [{ type: "deal.stage_changed", to: "negotiation" }, event("deal.updated", deal, { amount: 10 }), false],
  [{ type: "deal.stage_changed", to: "negotiation" }, event("deal.updated", deal, { stage: "negotiation" }), false],
  [{ type: "deal.stage_changed", to: "negotiation" }, event("deal.updated", deal, null), false],
  [{ type: "deal.stage_changed", to: "closed" }, event("deal.updated", deal, { stage: "proposal" }), false],
  [{ type: "deal.stage_changed", to: "negotiation" }, event("deal.created", deal), false],
  [{ type: "deal.stage_changed", to: "negotiation", from: "proposal" }, event("deal.updated", deal, { stage: "proposal" }), true],
  [{ type: "deal.stage_changed", to: "negotiation", from: "lead" }, event("deal.updated", deal, { stage: "proposal" }), false],
  [{ type: "deal.stage_changed", to: "negotiation" }, event("deal.updated", { ...deal, stage: undefined }, { stage: "proposal" }), false],
  [{ type: "deal.won" }, event("deal.updated", { ...deal, status: "won" }, { status: "open" }), true],
  [{ type: "deal.won" }, event("deal.updated", { ...deal, status: "won" }, { amount: 1 }), false],
  [{ type: "deal.won" }, event("deal.updated", { ...deal, status: "lost" }, { status: "open" }), false],
  [{ type: "deal.won" }, event("deal.updated", { ...deal, status: "won" }, { status: "won" }), false],
  [{ type: "deal.lost" }, event("deal.updated", { ...deal, status: "lost" }, { status: "open" }), true],
  [{ type: "deal.lost" }, event("deal.updated", { ...deal, status: "won" }, { status: "open" }), false],
  [{ type: "deal.owner_changed" }, event("deal.updated", deal, { owner_id: "u-1" }), true],
  [{ type: "deal.owner_changed" }, event("deal.updated", deal, { owner_id: null }), true],
  [{ type: "deal.owner_changed" }, event("deal.updated", deal, { owner_id: "u-7" }), false],
  [{ type: "deal.owner_changed" }, event("deal.updated", deal, { stage: "lead" }), false],
  [{ type: "activity.completed" }, event("activity.updated", { done: true }, { done: false }), true],
  [{ type: "activity.completed" }, event("activity.updated", { done: true }, { done: null }), true],
  [{ type: "activity.completed" }, event("activity.updated", { done: false }, { done: true }), false],
  [{ type: "activity.completed" }, event("activity.updated", { done: true }, { subject: "x" }), false],
  // Created already done / already won counts as the change (a logged call, a deal entered as won).
  [{ type: "activity.completed" }, event("activity.created", { done: true }), true],
  [{ type: "activity.completed" }, event("activity.created", { done: 1 }), true],
  [{ type: "activity.completed" }, event("activity.created", { done: false }), false],
  [{ type: "activity.completed" }, event("activity.created", {}), false],
  [{ type: "activity.completed" }, event("activity.updated", { done: 1 }, { done: 0 }), true],
  [{ type: "activity.completed" }, event("activity.updated", { done: "true" }, { done: "false" }), true],
  [{ type: "deal.won" }, event("deal.created", { ...deal, status: "won" }), true],
  [{ type: "deal.won" }, event("deal.created", { ...deal, status: "open" }), false],
  [{ type: "deal.lost" }, event("deal.created", { ...deal, status: "Lost" }), true],
  [{ type: "deal.stage_changed", to: "negotiation" }, event("deal.created", deal), false],
  [{ type: "deal.inactive", days: 14 }, event("deal.updated", deal, { stage: "lead" }), false],
  [{ type: "deal.inactive", days: 14 }, event("deal.inactive", deal), true],
  [{ type: "deal.date_relative", field: "expected_close_date", days: 3, direction: "before", at: "09:00" }, event("deal.date_relative", deal), true],
  [{ type: "deal.date_relative", field: "expected_close_date", days: 3, direction: "before", at: "09:00" }, event("deal.inactive", deal), false],
  [{ type: "activity.date_relative", field: "due_date", days: 0, direction: "after", at: "17:30" }, event("activity.date_relative", { due_date: "2026-12-01" }), true],
  [{ type: "activity.date_relative", field: "due_date", days: 0, direction: "after", at: "17:30" }, event("activity.updated", { done: true }, { done: false }), false],
  [{ type: "schedule", cron: "0 9 * * 1-5" }, { ...event("schedule", {}), entity: { type: "schedule", id: "", data: {} } }, true],
  [{ type: "schedule", cron: "0 9 * * 1-5" }, event("deal.created", deal), false],
];

describe("trigger match", () => {
  it.each(MATCHES)("%j on %j → %s", (trigger, evt, matched) => {
    const verdict = getTrigger(trigger.type)!.match(evt, trigger);
    expect(verdict.matched).toBe(matched);
    expect(verdict.reason).not.toBe("");
  });

  it("covers every trigger type with a match and a non-match", () => {
    const uncovered = TRIGGERS.filter((definition) => {
      const results = new Set(MATCHES.filter(([t]) => t.type === definition.type).map(([, , m]) => m));
      return results.size !== 2;
    });
    expect(uncovered.map((t) => t.type)).toEqual([]);
  });

  it("explains its verdicts", () => {
    const stage = getTrigger("deal.stage_changed")!;
    const config: Trigger = { type: "deal.stage_changed", to: "negotiation", from: "lead" };
    expect(stage.match(event("deal.updated", deal, { stage: "proposal" }), config).reason).toBe(
      "stage changed from proposal, not from lead",
    );
    expect(getTrigger("deal.inactive")!.match(event("deal.updated", deal, {}), { type: "deal.inactive", days: 3 })).toEqual({
      matched: false,
      reason: "deal.updated events never fire a time-based trigger",
    });
    const due = { ...event("deal.inactive", deal), due: { automationId: "a", period: "1", reason: "no activity for 3 days" } };
    expect(getTrigger("deal.inactive")!.match(due, { type: "deal.inactive", days: 3 })).toEqual({ matched: true, reason: "no activity for 3 days" });
  });
});

/** [input, valid, error message or path when invalid] */
const CONFIGS: [unknown, boolean, string?][] = [
  ...TRIGGERS.filter((t) => !["deal.stage_changed", "deal.inactive", "deal.date_relative", "activity.date_relative", "schedule"].includes(t.type)).map(
    (t): [unknown, boolean] => [{ type: t.type }, true],
  ),
  [{ type: "deal.updated", fields: ["amount", "stage"] }, true],
  [{ type: "deal.updated", fields: ["amount", "nope"] }, false, "Unknown field “nope”"],
  [{ type: "contact.updated", fields: ["amount"] }, false, "Unknown field “amount”"],
  [{ type: "deal.stage_changed", to: "negotiation" }, true],
  [{ type: "deal.stage_changed", to: "negotiation", from: "proposal" }, true],
  [{ type: "deal.stage_changed", to: "" }, false, "Choose a stage"],
  [{ type: "deal.stage_changed" }, false, "Choose a stage"],
  [{ type: "deal.inactive", days: 14 }, true],
  [{ type: "deal.inactive", days: 0 }, false, "Enter at least 1 day"],
  [{ type: "deal.inactive", days: 366 }, false, "Enter at most 365 days"],
  [{ type: "deal.inactive", days: 2.5 }, false, "Enter a whole number of days"],
  [{ type: "deal.inactive", days: "14" }, false, "Enter a number of days"],
  [{ type: "deal.inactive", days: 7, catchUp: true }, true],
  [{ type: "deal.inactive", days: 7, catchUp: "yes" }, false, "Tick the box or leave it"],
  [{ type: "deal.date_relative", field: "expected_close_date", days: 3, direction: "before", at: "09:00" }, true],
  [{ type: "deal.date_relative", field: "expected_close_date", days: 0, direction: "after", at: "23:59", catchUp: true }, true],
  [{ type: "deal.date_relative", field: "title", days: 3, direction: "before", at: "09:00" }, false, "Choose a date field"],
  [{ type: "deal.date_relative", field: "expected_close_date", days: 181, direction: "before", at: "09:00" }, false, "Enter at most 180 days"],
  [{ type: "deal.date_relative", field: "expected_close_date", days: -1, direction: "before", at: "09:00" }, false, "Enter 0 or more days"],
  [{ type: "deal.date_relative", field: "expected_close_date", days: 3, direction: "around", at: "09:00" }, false, "Choose before or after"],
  [{ type: "deal.date_relative", field: "expected_close_date", days: 3, direction: "before", at: "24:00" }, false, "Enter a time as HH:MM"],
  [{ type: "deal.date_relative", field: "expected_close_date", days: 3, direction: "before", at: "9:00" }, false, "Enter a time as HH:MM"],
  [{ type: "activity.date_relative", field: "due_date", days: 1, direction: "after", at: "08:30" }, true],
  [{ type: "activity.date_relative", field: "expected_close_date", days: 1, direction: "after", at: "08:30" }, false, "Choose a date field"],
  [{ type: "schedule", cron: "0 9 * * 1-5" }, true],
  [{ type: "schedule", cron: "*/15 * * * *" }, true],
  [{ type: "schedule", cron: "" }, false, "Enter a cron expression"],
  [{ type: "schedule", cron: "61 9 * * *" }, false, "Not a valid cron expression (minute hour day-of-month month day-of-week)"],
  [{ type: "schedule", cron: "0 0 9 * * *" }, false, "Not a valid cron expression (minute hour day-of-month month day-of-week)"],
  [{ type: "schedule" }, false, "Enter a cron expression"],
  [{ type: "deal.exploded" }, false, "Choose a trigger"],
  [null, false, "Choose a trigger"],
];

describe("trigger schema", () => {
  it.each(CONFIGS)("%j valid: %s", (input, valid, message) => {
    const result = triggerSchema.safeParse(input);
    expect(result.success).toBe(valid);
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages.filter((m) => m === message)).toEqual(valid ? [] : [message]);
  });

  it("puts field errors on the fields path and treats an empty 'from' as absent", () => {
    const bad = triggerSchema.safeParse({ type: "deal.updated", fields: ["amount", "nope"] });
    expect(bad.error?.issues[0].path).toEqual(["fields", 1]);
    const parsed = triggerSchema.parse({ type: "deal.stage_changed", to: " negotiation ", from: "" });
    expect(parsed).toEqual({ type: "deal.stage_changed", to: "negotiation" });
  });

  it("validates every trigger type with at least one valid config", () => {
    const valid = new Set(CONFIGS.filter(([, v]) => v).map(([input]) => (input as Trigger).type));
    expect(TRIGGERS.filter((t) => !valid.has(t.type)).map((t) => t.type)).toEqual([]);
  });
});

describe("describeTrigger", () => {
  it.each<[unknown, string]>([
    [{ type: "deal.stage_changed", to: "negotiation" }, "When a deal moves to Negotiation"],
    [{ type: "deal.stage_changed", to: "discovery" }, "When a deal moves to discovery"],
    [{ type: "deal.stage_changed", to: "negotiation", from: "proposal" }, "When a deal moves from Proposal to Negotiation"],
    [{ type: "deal.created" }, "When a deal is created"],
    [{ type: "organization.deleted" }, "When an organization is deleted"],
    [{ type: "deal.updated" }, "When a deal is updated"],
    [{ type: "deal.updated", fields: ["amount", "stage"] }, "When a deal is updated (only when Amount or Stage change)"],
    [{ type: "deal.updated", fields: ["amount"] }, "When a deal is updated (only when Amount changes)"],
    [{ type: "deal.updated", fields: ["amount", "stage", "owner_id"] }, "When a deal is updated (only when Amount, Stage or Owner change)"],
    [{ type: "deal.won" }, "When a deal is won"],
    [{ type: "deal.lost" }, "When a deal is lost"],
    [{ type: "deal.owner_changed" }, "When a deal's owner changes"],
    [{ type: "activity.completed" }, "When an activity is completed"],
    [{ type: "deal.inactive", days: 14 }, "When a deal has had no activity for 14 days"],
    [{ type: "deal.inactive", days: 1 }, "When a deal has had no activity for 1 day"],
    [{ type: "deal.inactive", days: 0 }, "Deal inactive (invalid settings)"],
    [{ type: "deal.inactive", days: 7, catchUp: true }, "When a deal has had no activity for 7 days (also deals already inactive when switched on)"],
    [{ type: "deal.date_relative", field: "expected_close_date", days: 3, direction: "before", at: "09:00" }, "3 days before a deal's Expected close date, at 09:00"],
    [{ type: "activity.date_relative", field: "due_date", days: 0, direction: "after", at: "17:30" }, "On an activity's Due date, at 17:30"],
    [{ type: "activity.date_relative", field: "due_date", days: 1, direction: "after", at: "08:00", catchUp: true }, "1 day after an activity's Due date, at 08:00 (also dates already past when switched on)"],
    [{ type: "schedule", cron: "0 9 * * 1-5" }, "On a schedule: every weekday at 09:00"],
    [{ type: "schedule", cron: "*/15 * * * *" }, "On a schedule: on the schedule “*/15 * * * *”"],
    [{ type: "deal.vanished" }, "Unknown trigger “deal.vanished”"],
  ])("%j → %s", (trigger, words) => {
    expect(describeTrigger(trigger)).toBe(words);
  });
});

describe("triggerTypesForEvent", () => {
  it.each<[string, string[]]>([
    ["deal.updated", ["deal.updated", "deal.stage_changed", "deal.won", "deal.lost", "deal.owner_changed"]],
    ["deal.created", ["deal.created", "deal.won", "deal.lost"]],
    ["activity.updated", ["activity.updated", "activity.completed"]],
    ["activity.created", ["activity.created", "activity.completed"]],
    ["contact.deleted", ["contact.deleted"]],
    ["deal.exploded", []],
  ])("%s → %j", (eventType, types) => {
    expect(triggerTypesForEvent(eventType).sort()).toEqual([...types].sort());
  });

  it("never offers the time-based trigger for an inbound event", () => {
    const all = ["created", "updated", "deleted"].flatMap((a) => ENTITY_TYPES.map((e) => triggerTypesForEvent(`${e}.${a}`))).flat();
    expect(all).not.toContain("deal.inactive");
    expect(getTrigger("deal.inactive")!.timeBased).toBe(true);
  });
});
