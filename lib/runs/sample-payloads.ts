// A sample native payload for each trigger, prefilled in the test-run panel: an event the trigger,
// as configured, would fire on, so "Test run" on a fresh automation shows a match. Pure and
// isomorphic (the panel builds it in the browser as the trigger changes).

import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import type { EntityType } from "@/lib/automations/fields";
import { getTrigger } from "@/lib/automations/triggers";

const ENTITY_DATA: Record<EntityType, { id: string; data: Record<string, unknown> }> = {
  deal: {
    id: "D-1042",
    data: { title: "Acme renewal", stage: "negotiation", amount: 12000, currency: "EUR", status: "open", owner_id: "", expected_close_date: "2026-12-15", probability: 60, source: "web" },
  },
  contact: {
    id: "C-311",
    data: { name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0000", owner_id: "", lifecycle_stage: "lead", created_at: "2026-11-20T09:00:00Z" },
  },
  organization: { id: "O-77", data: { name: "Acme Ltd", industry: "Manufacturing", employees: 250, owner_id: "" } },
  activity: { id: "A-908", data: { subject: "Demo call", type: "call", done: false, due_date: "2026-11-28", owner_id: "", deal_id: "D-1042" } },
};

/** A different value of the same type, as the field's old value. */
function otherValue(entity: EntityType, key: string, value: unknown, catalog: FieldCatalog): unknown {
  const field = catalog.getEntityField(entity, key);
  if (field?.options) return field.options.find((option) => option.value !== value)?.value ?? "other";
  switch (field?.type) {
    case "number":
      return typeof value === "number" ? Math.max(0, value - 1000) : 0;
    case "boolean":
      return !value;
    case "date":
      return "2026-10-01";
    default:
      return key === "owner_id" ? "crm-previous-owner" : `Old ${String(value ?? key)}`;
  }
}

type TriggerLike = { type?: unknown; to?: unknown; from?: unknown; fields?: unknown };

/** A sample value for a custom field, so conditions on it can be tried. */
function sampleValue(type: string, options: readonly { value: string }[] | undefined): unknown {
  if (options?.length) return options[0].value;
  return { number: 100, boolean: true, date: "2026-12-01" }[type] ?? "sample";
}

function changes(trigger: TriggerLike, entity: EntityType, data: Record<string, unknown>, catalog: FieldCatalog): Record<string, unknown> | null {
  switch (trigger.type) {
    case "deal.stage_changed": {
      const to = typeof trigger.to === "string" && trigger.to.trim() ? trigger.to.trim() : String(data.stage);
      data.stage = to;
      const from = typeof trigger.from === "string" && trigger.from.trim() ? trigger.from.trim() : (catalog.stages.find((stage) => stage.value !== to)?.value ?? "lead");
      return { stage: from };
    }
    case "deal.won":
    case "deal.lost":
      data.status = trigger.type === "deal.won" ? "won" : "lost";
      return { status: "open" };
    case "deal.owner_changed":
      return { owner_id: "crm-previous-owner" };
    case "activity.completed":
      data.done = true;
      return { done: false };
    default: {
      const chosen = Array.isArray(trigger.fields) ? trigger.fields.filter((key): key is string => typeof key === "string") : [];
      const keys = chosen.length > 0 ? chosen : [catalog.fieldsFor(entity)[0].key];
      return Object.fromEntries(keys.map((key) => [key, otherValue(entity, key, data[key], catalog)]));
    }
  }
}

function eventAction(type: string): "created" | "updated" | "deleted" {
  if (type.endsWith(".created")) return "created";
  if (type.endsWith(".deleted")) return "deleted";
  return "updated";
}

/**
 * The native body (DESIGN.md) for a trigger: `owner` (a CRM id, user id or email) is the entity's
 * owner, so `{{owner.email}}` and "the deal owner" resolve. Time-based triggers get an update event
 * (events never start them, which the test run will say).
 */
export function samplePayload(trigger: TriggerLike, options: { now: Date; owner?: string; catalog?: FieldCatalog }): Record<string, unknown> {
  const catalog = options.catalog ?? DEFAULT_FIELD_CATALOG;
  const type = typeof trigger.type === "string" ? trigger.type : "deal.updated";
  const entity = getTrigger(type)?.entity ?? "deal";
  const base = ENTITY_DATA[entity];
  // Without a known owner the field stays blank for the user to fill in: a made-up id would only
  // resolve to nobody and read as an error in the result.
  const data: Record<string, unknown> = { ...base.data, owner_id: options.owner ?? "" };
  // The workspace's own stages and custom fields, so its conditions have something to read.
  if (entity === "deal" && !catalog.resolveStage(data.stage)) data.stage = catalog.stages[0]?.value ?? data.stage;
  for (const field of catalog.fieldsFor(entity)) {
    if (catalog.isCustom(`${entity}.${field.key}`)) data[field.key] = sampleValue(field.type, field.options);
  }
  const action = eventAction(type);
  const previous = action === "updated" ? changes(trigger, entity, data, catalog) : null;
  return {
    type: `${entity}.${action}`,
    occurred_at: options.now.toISOString(),
    entity: { type: entity, id: base.id, data },
    ...(previous ? { previous } : {}),
    actor: { type: "user", id: options.owner || "crm-user" },
  };
}
