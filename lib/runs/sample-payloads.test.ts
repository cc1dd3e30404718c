import { describe, expect, it } from "vitest";
import { TRIGGERS } from "@/lib/automations/triggers";
import { evaluateAutomation } from "@/lib/engine/plan";
import { nativeAdapter } from "@/lib/webhooks/adapters";
import { samplePayload } from "./sample-payloads";

const now = new Date("2026-11-25T12:00:00Z");

function check(trigger: Record<string, unknown>) {
  const normalized = nativeAdapter.normalize(samplePayload(trigger, { now, owner: "crm-a" }), { now });
  if (!normalized.ok) throw new Error(JSON.stringify(normalized.issues));
  return evaluateAutomation(
    normalized.event,
    { id: "a", version: 1, name: "t", ownerId: "u", trigger, conditions: null, actions: [{ type: "notify_user", config: { to: { kind: "deal_owner" }, message: "hi" } }], isActive: true },
    now,
  );
}

describe("sample payloads", () => {
  it.each(TRIGGERS.filter((trigger) => !trigger.timeBased).map((trigger) => [trigger.type]))("fire the %s trigger they are made for", (type) => {
    const trigger = type === "deal.stage_changed" ? { type, to: "negotiation" } : { type };
    expect(check(trigger)).toMatchObject({ matched: true, status: "pending" });
  });

  it.each([
    [{ type: "deal.stage_changed", to: "closed", from: "contract_sent" }],
    [{ type: "deal.stage_changed", to: "lead" }],
    [{ type: "deal.updated", fields: ["amount", "currency"] }],
    [{ type: "contact.updated", fields: ["lifecycle_stage"] }],
    [{ type: "activity.updated", fields: ["done", "due_date"] }],
  ])("follow the trigger's settings: %j", (trigger) => {
    expect(check(trigger)).toMatchObject({ matched: true });
  });

  it("name the owner and the time they are given", () => {
    const body = samplePayload({ type: "contact.created" }, { now, owner: "me@example.com" });
    expect(body).toMatchObject({ type: "contact.created", occurred_at: now.toISOString(), entity: { type: "contact", data: { owner_id: "me@example.com" } } });
    expect(body).not.toHaveProperty("previous");
  });

  it("give a time-based trigger an event, which it then does not match", () => {
    expect(check({ type: "deal.inactive", days: 7 })).toMatchObject({ matched: false, trace: { trigger: { reason: "deal.updated events never fire a time-based trigger" } } });
  });
});
