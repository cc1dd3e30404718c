// Issue 20 item 10: a 200-character subject template rendered a 250 KB deal title into a
// 255,044-character activity subject. Every rendered field is now cut to its limit, after
// rendering, with an ellipsis, and the trace says which fields were cut and from what length.
import { describe, expect, it } from "vitest";
import { RENDERED_TEXT_MAX } from "@/lib/automations/actions";
import { readTrace } from "@/lib/runs/trace-view";
import { truncateText } from "@/lib/text/truncate";
import type { EngineAutomation } from "./compile-automation";
import type { NormalizedEvent } from "./event";
import { planEvent } from "./plan";

const now = new Date("2026-11-25T10:00:00Z");
const HUGE = "A".repeat(250_000);
let nextId = 0;

const automation = (actions: unknown[]): EngineAutomation => ({
  id: `limits-${++nextId}`,
  version: 1,
  name: "Long text",
  ownerId: "user-1",
  isActive: true,
  trigger: { type: "deal.stage_changed", to: "negotiation" },
  conditions: null,
  actions,
});

const event = (title: string): NormalizedEvent => ({
  type: "deal.updated",
  occurredAt: "2026-11-25T10:00:00Z",
  entity: { type: "deal", id: "D-1", data: { title, stage: "negotiation", owner_id: "crm-a" } },
  previous: { stage: "proposal" },
});

const ACTIONS = [
  { type: "create_activity", config: { subject: "Follow up on {{deal.title}}", note: "Note: {{deal.title}}", activityType: "call", dueInDays: 1, assignee: { kind: "deal_owner" } } },
  { type: "send_email", config: { to: { kind: "deal_owner" }, subject: "About {{deal.title}}", body: "Body {{deal.title}}" } },
  { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{deal.title}} moved" } },
];

describe("rendered text limits", () => {
  it("cuts every rendered field of a 250 KB title to its limit, with an ellipsis, and traces each cut", () => {
    const [plan] = planEvent(event(HUGE), [automation(ACTIONS)], now);
    expect(plan.status).toBe("pending");
    const fields = plan.actions.flatMap((action) => Object.entries(action.config).filter(([key]) => key in RENDERED_TEXT_MAX).map(([key, value]) => [key, value as string] as const));
    expect(fields.map(([key, value]) => [key, value.length, value.endsWith("…")])).toEqual([
      ["subject", 200, true],
      ["note", 2000, true],
      ["subject", 200, true],
      ["body", 10_000, true],
      ["message", 500, true],
    ]);
    expect(plan.trace.templates.truncated).toEqual([
      { action: 1, field: "subject", length: 250_013, max: 200 },
      { action: 1, field: "note", length: 250_006, max: 2000 },
      { action: 2, field: "subject", length: 250_006, max: 200 },
      { action: 2, field: "body", length: 250_005, max: 10_000 },
      { action: 3, field: "message", length: 250_006, max: 500 },
    ]);
    expect(readTrace(plan.trace).truncated[0]).toBe("Action 1’s subject: 250,013 characters, cut to 200 with an ellipsis");
  });

  it("leaves text within its limit alone and adds nothing to the trace", () => {
    const [plan] = planEvent(event("Acme renewal"), [automation(ACTIONS)], now);
    expect(plan.actions[0].config.subject).toBe("Follow up on Acme renewal");
    expect(plan.trace.templates).toEqual({ missing: [] });
    expect(readTrace(plan.trace).truncated).toEqual([]);
  });

  it("never splits a surrogate pair at the cut", () => {
    const cut = truncateText(`${"x".repeat(198)}😀😀`, 200);
    expect(cut).toBe(`${"x".repeat(198)}…`);
    expect(cut.isWellFormed()).toBe(true);
    expect(truncateText("short", 200)).toBe("short");
  });
});
