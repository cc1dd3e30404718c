// The benchmark workload: 1,000 automations over the trigger types and 50 stage values, and deal
// events shaped so that a typical one matches ~5 automations by trigger and ~2 pass conditions.
import type { AutomationFormValues } from "@/lib/automations/schema";
import type { ConditionGroup } from "@/lib/automations/conditions";
import type { NormalizedEvent } from "@/lib/engine/event";

export const STAGES = Array.from({ length: 50 }, (_, i) => `stage_${String(i + 1).padStart(2, "0")}`);
const THRESHOLDS = [10_000, 30_000, 50_000, 70_000, 90_000];
const OTHER_TRIGGERS: AutomationFormValues["trigger"][] = [
  { type: "deal.created" },
  { type: "deal.won" },
  { type: "deal.lost" },
  { type: "deal.owner_changed" },
  { type: "deal.updated", fields: ["title"] },
  { type: "deal.deleted" },
  { type: "contact.created" },
  { type: "contact.updated" },
  { type: "organization.created" },
  { type: "activity.created" },
  { type: "activity.completed" },
];

/** Deterministic pseudo-random numbers, so every run and both engines see the same workload. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dealConditions(threshold: number): ConditionGroup {
  return {
    kind: "group",
    match: "all",
    conditions: [
      { kind: "condition", field: "deal.amount", operator: "gt", value: threshold },
      {
        kind: "group",
        match: "any",
        conditions: [
          { kind: "condition", field: "deal.currency", operator: "equals", value: "EUR" },
          { kind: "condition", field: "deal.probability", operator: "gte", value: 60 },
        ],
      },
    ],
  };
}

function otherConditions(trigger: AutomationFormValues["trigger"], i: number): ConditionGroup {
  const entity = trigger.type.split(".")[0];
  const text = entity === "deal" ? "deal.title" : entity === "contact" ? "contact.name" : entity === "organization" ? "organization.name" : "activity.subject";
  return {
    kind: "group",
    match: "all",
    conditions: [
      { kind: "condition", field: text, operator: "contains", value: `needle-${i}` },
      {
        kind: "group",
        match: "any",
        conditions: [
          { kind: "condition", field: text, operator: "starts_with", value: "A" },
          { kind: "condition", field: text, operator: "is_not_empty" },
        ],
      },
    ],
  };
}

const FOLLOW_UP = {
  type: "create_activity" as const,
  config: { subject: "Follow up on {{deal.title}}", activityType: "call" as const, dueInDays: 2, assignee: { kind: "deal_owner" as const } },
};
const NOTIFY = { type: "notify_user" as const, config: { to: { kind: "deal_owner" as const }, message: "{{deal.title}} moved on" } };

/** 250 stage-change automations (5 per stage, thresholds spread) and 750 over the other triggers. */
export function benchAutomations(count = 1000): AutomationFormValues[] {
  const out: AutomationFormValues[] = [];
  const stageCount = Math.round(count / 4);
  for (let i = 0; i < stageCount; i++) {
    out.push({
      name: `Stage ${STAGES[i % STAGES.length]} #${i}`,
      trigger: { type: "deal.stage_changed", to: STAGES[i % STAGES.length] },
      conditions: dealConditions(THRESHOLDS[Math.floor(i / STAGES.length) % THRESHOLDS.length]),
      actions: i % 2 === 0 ? [FOLLOW_UP, NOTIFY] : [FOLLOW_UP],
    });
  }
  for (let i = stageCount; i < count; i++) {
    const trigger = OTHER_TRIGGERS[i % OTHER_TRIGGERS.length];
    const isDeal = trigger.type.startsWith("deal.");
    out.push({
      name: `Other ${trigger.type} #${i}`,
      trigger,
      conditions: isDeal ? dealConditions(THRESHOLDS[i % THRESHOLDS.length]) : otherConditions(trigger, i),
      actions: [FOLLOW_UP],
    });
  }
  return out;
}

const FILLER = "Renewal of the annual subscription with extended support and onboarding for the regional sales team. ";

/** A native `deal.updated` body of ~2 KB: the stage moved from one bench stage to another. */
export function benchEventBody(random: () => number, i: number, owners: readonly string[]) {
  const stage = STAGES[Math.floor(random() * STAGES.length)];
  let previous = STAGES[Math.floor(random() * STAGES.length)];
  if (previous === stage) previous = STAGES[(STAGES.indexOf(stage) + 1) % STAGES.length];
  return {
    type: "deal.updated",
    occurred_at: new Date(Date.UTC(2026, 10, 25, 10, 0, 0) + i * 1000).toISOString(),
    entity: {
      type: "deal",
      id: `D-${100000 + i}`,
      data: {
        title: `Acme renewal ${i}`,
        stage,
        amount: Math.floor(random() * 100_000),
        currency: random() < 0.5 ? "EUR" : "USD",
        probability: Math.floor(random() * 100),
        status: "open",
        owner_id: owners[i % owners.length],
        expected_close_date: "2026-12-31",
        source: "web",
        description: FILLER.repeat(12),
        custom_fields: { region: "EMEA", segment: "mid-market", renewal: true, seats: 120 },
      },
    },
    previous: { stage: previous },
    actor: { type: "user", id: owners[i % owners.length] },
  };
}

export function toNormalizedEvent(body: ReturnType<typeof benchEventBody>): NormalizedEvent {
  return {
    type: "deal.updated",
    occurredAt: body.occurred_at,
    entity: { type: "deal", id: body.entity.id, data: body.entity.data },
    previous: body.previous,
    actor: body.actor,
    causation: null,
  };
}
