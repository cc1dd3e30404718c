import { describe, expect, it } from "vitest";
import { evaluateAutomation, planEvent, type EngineAutomation, type NormalizedEvent } from "@/lib/engine";
import { benchAutomations, benchEventBody, rng, STAGES, toNormalizedEvent } from "@/bench/workload";
import { ENTITY_TYPES, FIELDS } from "@/lib/automations/fields";
import { triggerTypesForEvent } from "@/lib/automations/triggers";

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

const fieldKeys = (entity: (typeof ENTITY_TYPES)[number]) => FIELDS[entity].map((f) => f.key);

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

  it("plans exactly what one-by-one evaluation would for every trigger type, field filters and status changes included", () => {
    const random = rng(11);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const some = <T,>(list: readonly T[], most: number): T[] => [...new Set(Array.from({ length: Math.floor(random() * most) }, () => pick(list)))];
    const triggers: unknown[] = [
      { type: "deal.won" },
      { type: "deal.lost" },
      { type: "deal.owner_changed" },
      { type: "activity.completed" },
      { type: "deal.stage_changed", to: STAGES[1] },
      { type: "deal.stage_changed", to: STAGES[2], from: STAGES[1] },
      { type: "deal.updated", fields: ["stage", "title"] },
      { type: "deal.stage_changed" }, // does not parse: fails on every deal update
    ];
    for (const entity of ENTITY_TYPES) {
      triggers.push({ type: `${entity}.created` }, { type: `${entity}.deleted` }, { type: `${entity}.updated` });
      for (let i = 0; i < 6; i++) triggers.push({ type: `${entity}.updated`, fields: some(fieldKeys(entity), 4) });
    }
    const mixed: EngineAutomation[] = triggers.map((trigger, i) => ({ ...automations[0], id: `m-${i}`, name: `Mixed ${i}`, trigger, conditions: null }));
    const values: Record<string, unknown[]> = {
      stage: [STAGES[1], STAGES[2], STAGES[3]],
      status: ["open", "won", "lost"],
      owner_id: ["u-1", "u-2"],
      done: [true, false, null],
    };
    const valueOf = (key: string) => pick(values[key] ?? ["a", "b", 3]);
    let planned = 0;
    for (let i = 0; i < 1500; i++) {
      const entity = pick(ENTITY_TYPES);
      const keys = [...fieldKeys(entity), "status", "owner_id", "done"];
      const data = Object.fromEntries(keys.filter(() => random() < 0.7).map((key) => [key, valueOf(key)]));
      const event: NormalizedEvent = {
        type: `${entity}.${pick(["created", "updated", "updated", "deleted"] as const)}`,
        occurredAt: now.toISOString(),
        entity: { type: entity, id: `E-${i}`, data },
        previous: random() < 0.2 ? null : Object.fromEntries(some(keys, 4).map((key) => [key, valueOf(key)])),
        causation: null,
      };
      const indexed = planEvent(event, mixed, now).map((p) => `${p.automationId}:${p.status}:${p.trace.trigger.reason}`);
      // A broken trigger fails on every event of its type (and is not offered any other).
      const fires = triggerTypesForEvent(event.type);
      const oneByOne = mixed
        .filter((a) => fires.includes((a.trigger as { type: string }).type))
        .map((a) => evaluateAutomation(event, a, now))
        .filter((e) => e.matched || e.status === "failed")
        .map((e) => `${e.automationId}:${e.status}:${e.trace.trigger.reason}`);
      expect(indexed).toEqual(oneByOne);
      planned += indexed.length;
    }
    // The workload does fire triggers of every kind, not only the broken one.
    expect(planned).toBeGreaterThan(3000);
  });
});
