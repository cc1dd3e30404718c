import { describe, expect, it } from "vitest";
import { planEvent } from "@/lib/engine/plan";
import type { NormalizedEvent } from "@/lib/engine/event";
import { normalizeEventStages } from "@/lib/field-catalog/normalize-event";
import { buildFieldCatalog, DEFAULT_FIELD_CATALOG, EMPTY_CATALOG_CONFIG, type FieldCatalogConfig } from "./field-catalog";
import { DEAL_STAGES, fieldsFor, templateVariablesFor } from "./fields";
import { automationInputSchema, automationInputSchemaFor } from "./schema";
import { summarizeConditions } from "./summaries";
import { automationForm } from "./test-inputs";
import { describeTrigger } from "./triggers";

const CONFIG: FieldCatalogConfig = {
  pipelines: [
    { id: "p1", name: "Sales", stages: [{ id: "1", label: "Lead in" }, { id: "3", label: "Contract sent" }] },
    { id: "p2", name: "Renewals", stages: [{ id: "renewal_due", label: "Renewal due" }] },
  ],
  activityTypes: [{ value: "lunch", label: "Lunch" }],
  customFields: [
    { entity: "deal", key: "tier", label: "Tier", type: "choice", options: [{ value: "gold", label: "Gold" }, { value: "silver", label: "Silver" }] },
    { entity: "deal", key: "seats", label: "Seats", type: "number" },
  ],
};
const catalog = buildFieldCatalog(CONFIG);
const now = new Date("2026-11-25T10:00:00Z");

function stageEvent(to: unknown, from: unknown, data: Record<string, unknown> = {}): NormalizedEvent {
  return {
    type: "deal.updated",
    occurredAt: now.toISOString(),
    entity: { type: "deal", id: "D-1", data: { title: "Acme", stage: to, amount: 5000, owner_id: "crm-member", ...data } },
    previous: { stage: from },
  };
}

describe("the built-in catalog", () => {
  it("is today's fields, stages, activity types and template variables", () => {
    for (const entity of ["deal", "contact", "organization", "activity"] as const) {
      expect(DEFAULT_FIELD_CATALOG.fieldsFor(entity)).toEqual(fieldsFor(entity));
      expect(DEFAULT_FIELD_CATALOG.templateVariablesFor(entity)).toEqual(templateVariablesFor(entity));
    }
    expect(DEFAULT_FIELD_CATALOG.stages).toEqual(DEAL_STAGES);
    expect(buildFieldCatalog(EMPTY_CATALOG_CONFIG).stamp).toBe("default");
  });

  it.each<[unknown, string | undefined]>([
    ["contract_sent", "contract_sent"],
    ["Contract sent", "contract_sent"],
    ["CONTRACT-SENT", "contract_sent"],
    ["  Negotiation ", "negotiation"],
    ["discovery", undefined],
    ["", undefined],
    [null, undefined],
  ])("resolves the stage %j to %j", (value, id) => {
    expect(DEFAULT_FIELD_CATALOG.resolveStage(value)).toBe(id);
  });
});

describe("a workspace's catalog", () => {
  it("offers its pipelines' stages (grouped), its activity types and its custom fields", () => {
    expect(catalog.stages).toEqual([
      { value: "1", label: "Lead in", group: "Sales" },
      { value: "3", label: "Contract sent", group: "Sales" },
      { value: "renewal_due", label: "Renewal due", group: "Renewals" },
    ]);
    expect(catalog.getField("deal.stage")?.options).toBe(catalog.stages);
    expect(catalog.getField("activity.type")?.options).toEqual([{ value: "lunch", label: "Lunch" }]);
    expect(catalog.getField("deal.seats")).toMatchObject({ entity: "deal", type: "number", label: "Seats" });
    expect(catalog.isCustom("deal.seats")).toBe(true);
    expect(catalog.isCustom("deal.amount")).toBe(false);
    expect(catalog.isTemplateVariable("deal", "deal.tier")).toBe(true);
    expect(DEFAULT_FIELD_CATALOG.isTemplateVariable("deal", "deal.tier")).toBe(false);
  });

  it.each<[unknown, string | undefined]>([
    ["3", "3"],
    [3, "3"],
    ["contract sent", "3"],
    ["Renewal Due", "renewal_due"],
    ["negotiation", undefined],
  ])("resolves the stage %j to %j", (value, id) => {
    expect(catalog.resolveStage(value)).toBe(id);
  });

  it("validates conditions, stages and activity types against it, storing stage ids", () => {
    const form = automationForm({
      trigger: { type: "deal.stage_changed", to: "Contract sent", from: "lead in" },
      conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.tier", operator: "equals", value: "gold" }, { kind: "condition", field: "deal.stage", operator: "in_list", value: ["Lead in", "3"] }] },
      actions: [{ type: "create_activity", config: { subject: "Lunch with {{deal.title}} ({{deal.tier}})", activityType: "lunch", dueInDays: 1, assignee: { kind: "deal_owner" } } }],
    });
    const parsed = automationInputSchemaFor(catalog).parse(form);
    expect(parsed.trigger).toEqual({ type: "deal.stage_changed", to: "3", from: "1" });
    expect(parsed.conditions?.conditions[1]).toMatchObject({ value: ["1", "3"] });

    const builtIn = automationInputSchema.safeParse(form);
    expect(builtIn.success ? [] : builtIn.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["conditions.conditions.0.field", "Unknown field “deal.tier”"],
      ["actions.0.config.activityType", "Unknown activity type “lunch”: choose one of call, meeting, task, email, deadline"],
    ]);
  });

  it("words triggers and conditions with its labels", () => {
    expect(describeTrigger({ type: "deal.stage_changed", to: "3", from: "1" }, catalog)).toBe("When a deal moves from Lead in to Contract sent");
    const conditions = { kind: "group" as const, match: "all" as const, conditions: [{ kind: "condition" as const, field: "deal.tier", operator: "equals", value: "gold" }, { kind: "condition" as const, field: "deal.seats", operator: "gt", value: 1000 }] };
    expect(summarizeConditions(conditions, catalog)).toBe("Tier is Gold and Seats is greater than 1,000");
  });

  it("runs the engine on custom fields and on stages sent by label", () => {
    const automation = {
      id: "catalog-auto", version: 1, name: "Gold contracts", ownerId: "u-1", isActive: true,
      trigger: { type: "deal.stage_changed", to: "3" },
      conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.tier", operator: "equals", value: "gold" }, { kind: "condition", field: "deal.seats", operator: "gte", value: 10 }] },
      actions: [{ type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{deal.title}} is {{deal.tier}}" } }],
    };
    const event = normalizeEventStages(stageEvent("Contract Sent", "lead in", { tier: "gold", seats: 12 }), catalog);
    expect(event.entity.data.stage).toBe("3");
    expect(event.previous).toEqual({ stage: "1" });
    const [plan] = planEvent(event, [automation], now, { catalog });
    expect(plan).toMatchObject({ status: "pending", error: null, trace: { trigger: { matched: true } } });
    expect(plan.actions[0].config.message).toBe("Acme is gold");

    const skipped = planEvent(normalizeEventStages(stageEvent("3", "1", { tier: "gold", seats: 2 }), catalog), [automation], now, { catalog });
    expect(skipped[0].status).toBe("skipped");
    // Without the workspace's catalog the custom field is unknown: the run fails with the reason, never passes.
    const [builtIn] = planEvent(stageEvent("3", "1", { tier: "gold", seats: 12 }), [{ ...automation, id: "catalog-auto-2" }], now);
    expect(builtIn).toMatchObject({ status: "failed", error: "Unknown field “deal.tier”; Unknown field “deal.seats”" });
  });

  it("leaves events alone that need no change (the same object)", () => {
    const event = stageEvent("3", "1");
    expect(normalizeEventStages(event, catalog)).toBe(event);
    const contact: NormalizedEvent = { ...event, type: "contact.updated", entity: { type: "contact", id: "C", data: { stage: "Contract sent" } } };
    expect(normalizeEventStages(contact, catalog)).toBe(contact);
    const unknown = stageEvent("Discovery", "3");
    expect(normalizeEventStages(unknown, catalog)).toBe(unknown);
  });
});
