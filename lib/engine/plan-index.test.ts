import { describe, expect, it } from "vitest";
import { evaluateAutomation, planEvent, type EngineAutomation, type NormalizedEvent } from "@/lib/engine";
import { benchAutomations, benchEventBody, rng, STAGES, toNormalizedEvent } from "@/bench/workload";

const now = new Date("2026-11-26T12:00:00Z");

function asEngine(list: ReturnType<typeof benchAutomations>): EngineAutomation[] {
  return list.map((a, i) => ({
    id: `a-${i}`,
    version: 1,
    name: a.name,
    ownerId: "owner",
    trigger: a.trigger,
    conditions: a.conditions ?? null,
    actions: a.actions,
    isActive: true,
  }));
}

function dealEvent(stage: string, previousStage: string | undefined, extra: Record<string, unknown> = {}): NormalizedEvent {
  return {
    type: "deal.updated",
    occurredAt: now.toISOString(),
    entity: { type: "deal", id: "D-1", data: { stage, amount: 95_000, currency: "EUR", probability: 90, ...extra } },
    previous: previousStage === undefined ? {} : { stage: previousStage },
    causation: null,
  };
}

describe("the planner's trigger index", () => {
  const automations = asEngine(benchAutomations(400));

  it("plans exactly what evaluating every automation one by one would", () => {
    const random = rng(7);
    for (let i = 0; i < 300; i++) {
      const event = toNormalizedEvent(benchEventBody(random, i, ["crm-a"]));
      const indexed = planEvent(event, automations, now).map((p) => `${p.automationId}:${p.status}`);
      const oneByOne = automations
        .map((a) => evaluateAutomation(event, a, now))
        .filter((e) => e.matched)
        .map((e) => `${e.automationId}:${e.status}`);
      expect(indexed).toEqual(oneByOne);
    }
  });

  it("matches stages case-insensitively through the index, as the trigger does", () => {
    const plans = planEvent(dealEvent(`  ${STAGES[3].toUpperCase()} `, STAGES[1]), automations, now);
    const expected = automations.filter((a) => (a.trigger as { to?: string }).to === STAGES[3]).map((a) => a.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(plans.map((p) => p.automationId)).toEqual(expected);
  });

  it("visits no stage-change automation when the stage did not change", () => {
    expect(planEvent(dealEvent(STAGES[0], undefined), automations, now).filter((p) => p.trace.trigger.reason.startsWith("stage"))).toEqual([]);
    expect(planEvent(dealEvent(STAGES[0], STAGES[0]), automations, now)).toEqual([]);
  });

  it("still fails an automation whose stored trigger config no longer parses, on every event of its type", () => {
    const broken: EngineAutomation = { ...automations[0], id: "broken", trigger: { type: "deal.stage_changed" } };
    const plans = planEvent(dealEvent(STAGES[10], STAGES[2]), [broken, ...automations], now);
    expect(plans[0]).toMatchObject({ automationId: "broken", status: "failed" });
    expect(plans[0].error).toMatch(/Invalid trigger settings/);
  });

  it("keeps the callers' order and skips inactive automations", () => {
    const list = automations.slice(0, 60).map((a, i) => ({ ...a, isActive: i % 2 === 0 }));
    const plans = planEvent(dealEvent(STAGES[5], STAGES[6]), list, now);
    const order = plans.map((p) => list.findIndex((a) => a.id === p.automationId));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => list[i].isActive)).toBe(true);
  });
});
