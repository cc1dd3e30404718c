import { describe, expect, it, vi } from "vitest";
import type { EngineAutomation } from "./compile-automation";
import type { NormalizedEvent } from "./event";
import { explainNoRuns } from "./explain-no-runs";
import { MAX_CAUSATION_DEPTH, evaluateAutomation, planEvent } from "./plan";

const now = new Date("2026-11-25T10:00:00Z");
let nextId = 0;

function automation(overrides: Partial<EngineAutomation> = {}): EngineAutomation {
  // Unique ids: compiled automations are cached by id:version for the whole process.
  return {
    id: `auto-${++nextId}`,
    version: 1,
    name: "Negotiation follow-up",
    ownerId: "user-1",
    isActive: true,
    trigger: { type: "deal.stage_changed", to: "negotiation" },
    conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 10000 }] },
    actions: [
      {
        type: "create_activity",
        config: { subject: "Follow up on {{deal.title}}", activityType: "task", dueInDays: 2, assignee: { kind: "deal_owner" } },
      },
      { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{owner.name}}: {{deal.title}} ({{ deal.amount }}) via {{automation.name}}" } },
    ],
    ...overrides,
  };
}

function dealUpdated(overrides: Partial<NormalizedEvent> = {}, data: Record<string, unknown> = {}): NormalizedEvent {
  return {
    type: "deal.updated",
    occurredAt: "2026-11-25T10:00:00Z",
    entity: {
      type: "deal",
      id: "D-1042",
      data: { title: "Acme renewal", stage: "negotiation", amount: 12000, currency: "EUR", status: "open", owner_id: "crm-member", ...data },
    },
    previous: { stage: "proposal" },
    actor: { type: "user", id: "u-7" },
    ...overrides,
  };
}

const owner = { id: "user-2", name: "Mia Member", email: "member@demo.test" };

describe("planEvent", () => {
  it("plans the canonical automation with rendered templates", () => {
    const auto = automation();
    const [plan, ...rest] = planEvent(dealUpdated(), [auto], now, { owner });
    expect(rest).toEqual([]);
    expect(plan).toMatchObject({
      automationId: auto.id,
      automationVersion: 1,
      status: "pending",
      error: null,
      trace: { trigger: { matched: true, reason: "stage changed from proposal to negotiation" }, templates: { missing: [] } },
    });
    expect(plan.trace.conditions).toMatchObject({ kind: "group", result: true });
    expect(plan.actions).toEqual([
      {
        index: 0,
        type: "create_activity",
        config: { subject: "Follow up on Acme renewal", activityType: "task", dueInDays: 2, assignee: { kind: "deal_owner" } },
        missing: [],
      },
      {
        index: 1,
        type: "notify_user",
        config: { to: { kind: "deal_owner" }, message: "Mia Member: Acme renewal (12000) via Negotiation follow-up" },
        missing: [],
      },
    ]);
  });

  it("skips when the conditions are false, with the trace", () => {
    const [plan] = planEvent(dealUpdated({}, { amount: 5000 }), [automation()], now);
    expect(plan.status).toBe("skipped");
    expect(plan.actions).toEqual([]);
    expect(plan.trace.conditions).toMatchObject({ result: false, children: [{ actual: 5000, expected: 10000, result: false }] });
  });

  it("produces no plan when the trigger does not match or the automation is inactive", () => {
    expect(planEvent(dealUpdated({ previous: { amount: 1 } }), [automation()], now)).toEqual([]);
    expect(planEvent(dealUpdated(), [automation({ isActive: false })], now)).toEqual([]);
    expect(planEvent(dealUpdated(), [automation({ trigger: { type: "contact.created" } })], now)).toEqual([]);
    expect(planEvent(dealUpdated(), [automation({ trigger: { type: "deal.inactive", days: 3 } })], now)).toEqual([]);
  });

  it.each<[string, Partial<EngineAutomation>, string]>([
    [
      "unknown operator",
      { conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "roughly", value: 1 }] } },
      "Unknown operator “roughly”",
    ],
    [
      "unknown field",
      { conditions: { kind: "group", match: "any", conditions: [{ kind: "condition", field: "deal.mood", operator: "is_empty" }] } },
      "Unknown field “deal.mood”",
    ],
    ["unknown action", { actions: [{ type: "send_fax", config: {} }] }, "Action 1: unknown action “send_fax”"],
    [
      "invalid action config",
      { actions: [{ type: "notify_user", config: { to: { kind: "deal_owner" }, message: "" } }] },
      "Action 1 (Notify user): message: Message is required",
    ],
    ["no actions", { actions: [] }, "Automation has no actions"],
    ["actions not a list", { actions: null }, "Automation has no actions"],
    ["unknown trigger", { trigger: { type: "deal.teleported" } }, "Unknown trigger “deal.teleported”"],
    ["missing trigger", { trigger: null }, "Unknown trigger “undefined”"],
    ["invalid trigger settings", { trigger: { type: "deal.stage_changed" } }, "Invalid trigger settings: to: Choose a stage"],
  ])("fails with a reason on %s", (_, overrides, error) => {
    const [plan] = planEvent(dealUpdated(), [automation(overrides)], now);
    expect(plan).toMatchObject({ status: "failed", error, actions: [] });
  });

  it("never lets one broken automation cost the others their run", () => {
    const broken = automation({
      trigger: {
        get type(): string {
          throw new Error("boom");
        },
      },
    });
    const plans = planEvent(dealUpdated(), [broken, automation()], now);
    expect(plans.map((plan) => [plan.status, plan.error])).toEqual([
      ["failed", "internal error: boom"],
      ["pending", null],
    ]);
  });

  it.each<[number | undefined, string, string | null, number]>([
    [undefined, "pending", null, 2],
    [0, "pending", null, 2],
    [MAX_CAUSATION_DEPTH, "pending", null, 2],
    [MAX_CAUSATION_DEPTH + 1, "stopped", "loop protection: causation depth 4 exceeds 3", 0],
    [10, "stopped", "loop protection: causation depth 10 exceeds 3", 0],
  ])("loop protection: causation depth %s → %s", (depth, status, error, actionCount) => {
    const causation = depth === undefined ? null : { automationId: "auto-x", depth };
    const [plan] = planEvent(dealUpdated({ causation }), [automation()], now);
    expect([plan.status, plan.error, plan.actions.length]).toEqual([status, error, actionCount]);
  });

  it("renders unknown variables as empty and reports them per action and per run", () => {
    const auto = automation({
      conditions: null,
      actions: [
        { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{deal.title}} {{deal.mood}} {{owner.email}}" } },
        { type: "send_email", config: { to: { kind: "deal_owner" }, subject: "{{contact.name}}", body: "{{deal.mood}}" } },
      ],
    });
    const [plan] = planEvent(dealUpdated(), [auto], now);
    expect(plan.status).toBe("pending");
    expect(plan.actions.map((action) => action.missing)).toEqual([["deal.mood", "owner.email"], ["contact.name", "deal.mood"]]);
    expect(plan.actions[0].config.message).toBe("Acme renewal  ");
    expect(plan.trace.templates.missing).toEqual(["deal.mood", "owner.email", "contact.name"]);
  });

  it("resolves the owner through resolveUser from the entity's owner_id", () => {
    const resolveUser = vi.fn<(idOrCrmId: string) => typeof owner>(() => owner);
    const auto = automation({ conditions: null, actions: [{ type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{owner.email}} {{entity.id}} {{event.type}} {{previous.stage}}" } }] });
    const [plan] = planEvent(dealUpdated(), [auto, { ...auto, id: `${auto.id}-copy` }], now, { resolveUser });
    expect(plan.actions[0].config.message).toBe("member@demo.test D-1042 deal.updated proposal");
    expect(resolveUser).toHaveBeenCalledTimes(1);
    expect(resolveUser).toHaveBeenCalledWith("crm-member");
  });

  it("keeps the input order and plans every matching automation", () => {
    const a = automation();
    const b = automation({ trigger: { type: "deal.updated", fields: ["stage"] }, conditions: null });
    const c = automation({ trigger: { type: "deal.updated", fields: ["amount"] } });
    expect(planEvent(dealUpdated(), [a, b, c], now).map((plan) => plan.automationId)).toEqual([a.id, b.id]);
  });

  it("does not mutate stored action configs", () => {
    const auto = automation();
    planEvent(dealUpdated(), [auto], now);
    expect((auto.actions as { config: { subject: string } }[])[0].config.subject).toBe("Follow up on {{deal.title}}");
  });
});

describe("evaluateAutomation", () => {
  it("reports the trigger verdict and condition trace even when the trigger does not match", () => {
    const result = evaluateAutomation(dealUpdated({ previous: { amount: 100 } }), automation({ isActive: false }), now);
    expect(result).toMatchObject({
      matched: false,
      status: "skipped",
      error: null,
      trace: { trigger: { matched: false, reason: "stage did not change" }, conditions: { result: true } },
      actions: [],
    });
  });

  it("plans like planEvent when the trigger matches, active or not", () => {
    const result = evaluateAutomation(dealUpdated(), automation({ isActive: false }), now, { owner });
    expect(result.matched).toBe(true);
    expect(result.status).toBe("pending");
    expect(result.actions[0].config.subject).toBe("Follow up on Acme renewal");
  });

  it("compiles drafts fresh instead of reusing a cached version", () => {
    const saved = automation();
    planEvent(dealUpdated(), [saved], now);
    const draft = { ...saved, conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 50000 }] } };
    expect(evaluateAutomation(dealUpdated(), draft, now).status).toBe("skipped");
  });

  it("fails on an unknown trigger", () => {
    expect(evaluateAutomation(dealUpdated(), automation({ trigger: { type: "nope" } }), now)).toMatchObject({
      matched: false,
      status: "failed",
      error: "Unknown trigger “nope”",
    });
  });
});

describe("switched-off automations (missed runs)", () => {
  it("records a missed plan from the trigger alone within 7 days of switching off, and nothing after", () => {
    const recent = automation({ isActive: false, offSince: "2026-11-20T10:00:00Z" });
    const old = automation({ isActive: false, offSince: "2026-11-17T09:59:59Z" });
    const neverOn = automation({ isActive: false });
    // Conditions not met (amount 500): a switched-off automation is not evaluated beyond its trigger.
    const plans = planEvent(dealUpdated({}, { amount: 500 }), [recent, old, neverOn], now);
    expect(plans).toEqual([expect.objectContaining({ automationId: recent.id, status: "missed", actions: [], error: null })]);
    expect(plans[0].trace.conditions).toBeNull();
    // Another stage: its trigger does not match, nothing is recorded.
    expect(planEvent(dealUpdated({}, { stage: "proposal" }), [recent], now)).toEqual([]);
  });
});

describe("explainNoRuns", () => {
  it("says nobody listens, or how many listen and why none matched", () => {
    const contact: NormalizedEvent = { type: "contact.created", occurredAt: now.toISOString(), entity: { type: "contact", id: "C-1", data: {} }, previous: null };
    const list = [automation(), automation(), automation({ isActive: false, offSince: now.toISOString() })];
    expect(explainNoRuns(contact, list)).toBe("no active automation listens to contact.created");
    expect(explainNoRuns(dealUpdated({ previous: null }), list)).toBe("2 listen; neither matched: stage did not change");
    const three = [...list, automation({ trigger: { type: "deal.stage_changed", to: "won" } })];
    expect(explainNoRuns(dealUpdated({ previous: { stage: "lead" } }, { stage: "proposal" }), three)).toBe(
      "3 listen; none matched: stage changed to proposal, not negotiation (2); stage changed to proposal, not won (1)",
    );
  });
});
