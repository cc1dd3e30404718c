// The test run of a time-based automation evaluates the internal event a sweep would make.
import { describe, expect, it } from "vitest";
import type { NormalizedEvent } from "@/lib/engine/event";
import { evaluateAutomation } from "@/lib/engine/plan";
import { timeBasedTestEvent } from "./test-run-event";

const now = new Date("2026-12-04T09:00:00Z");
const dealEvent: NormalizedEvent = {
  type: "deal.updated",
  occurredAt: "2026-11-20T10:00:00Z",
  entity: { type: "deal", id: "D-1", data: { title: "Acme", status: "open", owner_id: "u-1", expected_close_date: "2026-12-07" } },
  previous: { stage: "lead" },
};
const automation = (trigger: unknown) => ({
  id: "a",
  version: 1,
  name: "t",
  ownerId: "u",
  trigger,
  conditions: null,
  actions: [{ type: "notify_user", config: { to: { kind: "automation_owner" }, message: "About {{deal.title}}" } }],
  isActive: true,
});

describe("the test run of a time-based trigger", () => {
  it.each([
    [{ type: "deal.inactive", days: 7 }],
    [{ type: "deal.date_relative", field: "expected_close_date", days: 3, direction: "before", at: "09:00" }],
  ])("turns the entity's event into the due event and runs it: %j", (trigger) => {
    const event = timeBasedTestEvent(trigger, dealEvent, now)!;
    expect(event).toMatchObject({ type: trigger.type, entity: dealEvent.entity, previous: null, due: { reason: "test run: as if this deal were due now" } });
    const evaluation = evaluateAutomation(event, automation(trigger), now);
    expect(evaluation).toMatchObject({ matched: true, status: "pending", trace: { trigger: { reason: "test run: as if this deal were due now" } } });
    expect(evaluation.actions[0].config.message).toBe("About Acme");
  });

  it("leaves another entity's event as it is, which the trigger then does not match", () => {
    const contact: NormalizedEvent = { ...dealEvent, type: "contact.updated", entity: { type: "contact", id: "C-1", data: {} } };
    expect(timeBasedTestEvent({ type: "deal.inactive" }, contact, now)).toBeNull();
    expect(evaluateAutomation(contact, automation({ type: "deal.inactive", days: 7 }), now)).toMatchObject({ matched: false });
  });

  it("gives a schedule an event with no entity, and leaves event triggers alone", () => {
    const event = timeBasedTestEvent({ type: "schedule" }, dealEvent, now)!;
    expect(event).toMatchObject({ type: "schedule", occurredAt: now.toISOString(), entity: { type: "schedule", id: "", data: {} } });
    expect(evaluateAutomation(event, automation({ type: "schedule", cron: "0 9 * * 1-5" }), now)).toMatchObject({ matched: true, status: "pending" });
    expect(timeBasedTestEvent({ type: "deal.updated" }, dealEvent, now)).toBeNull();
  });
});
