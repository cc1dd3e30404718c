// Starting values for the automation form: a new automation, a freshly picked trigger or action,
// and a stored automation turned back into form values. Plain module: used by pages and clients.

import { DEFAULT_OWNER_FALLBACK, type ActionInput, type ActionType } from "@/lib/automations/actions";
import type { ConditionGroup } from "@/lib/automations/conditions";
import type { AutomationFormValues } from "@/lib/automations/schema";
import type { AutomationRecord } from "@/lib/automations/scope";
import type { TriggerInput } from "@/lib/automations/triggers";

/** The settings a freshly picked trigger starts with (only the configurable ones have any). */
export function defaultTrigger(type: string): TriggerInput {
  if (type === "deal.stage_changed") return { type, to: "", from: "" };
  if (type === "deal.inactive") return { type, days: 7, catchUp: false };
  if (type === "deal.date_relative") return { type, field: "expected_close_date", days: 3, direction: "before", at: "09:00", catchUp: false };
  if (type === "activity.date_relative") return { type, field: "due_date", days: 0, direction: "before", at: "09:00", catchUp: false };
  if (type === "schedule") return { type, cron: "0 9 * * 1-5" };
  if (type.endsWith(".updated")) return { type, fields: [] } as TriggerInput;
  return { type } as TriggerInput;
}

export function newAction(type: ActionType): ActionInput {
  switch (type) {
    case "create_activity":
      return { type, config: { subject: "", activityType: "task", dueInDays: 1, assignee: { kind: "deal_owner" }, ifOwnerMissing: { ...DEFAULT_OWNER_FALLBACK }, note: "" } };
    case "send_email":
      return { type, config: { to: { kind: "deal_owner" }, ifOwnerMissing: { ...DEFAULT_OWNER_FALLBACK }, subject: "", body: "" } };
    case "notify_user":
      return { type, config: { to: { kind: "deal_owner" }, ifOwnerMissing: { ...DEFAULT_OWNER_FALLBACK }, message: "" } };
    case "send_webhook":
      return { type, config: { url: "", headers: [] } };
  }
}

const EMPTY_ROOT: ConditionGroup = { kind: "group", match: "all", conditions: [] };

export function newAutomationValues(): AutomationFormValues {
  return {
    name: "",
    description: "",
    trigger: defaultTrigger("deal.stage_changed"),
    conditions: EMPTY_ROOT,
    actions: [newAction("create_activity")],
  };
}

/**
 * A stored automation as form values. The form always edits a root group (empty = no conditions)
 * and blank strings rather than absent optionals, so every input is controlled from the start.
 */
export function toFormValues(record: AutomationRecord): AutomationFormValues {
  const trigger = (record.trigger ?? {}) as TriggerInput & { from?: string };
  return {
    name: record.name,
    description: record.description ?? "",
    trigger: trigger.type === "deal.stage_changed" ? { ...trigger, from: trigger.from ?? "" } : trigger,
    conditions: (record.conditions as ConditionGroup | null) ?? EMPTY_ROOT,
    actions: (Array.isArray(record.actions) ? record.actions : []) as ActionInput[],
  };
}

/** A stored definition (a workspace template, an old version) as form values. */
export function definitionToFormValues(definition: { name: string; description: string | null; trigger: unknown; conditions: unknown; actions: unknown }): AutomationFormValues {
  return toFormValues({ ...definition } as AutomationRecord);
}
