// A trigger as the API accepts it → the stored form. Types may be spelt `deal_stage_changed` or
// `deal.stage_changed`; keys in snake_case or camelCase, plus the plan's own names (`stage_id`).
// Every spelling is derived from the trigger registry, so a new trigger is accepted as it lands.

import { getTrigger, TRIGGERS } from "@/lib/automations/triggers";
import { isRecord, objectKeys, rewriteKeys, snakeCase } from "./keys";
import type { InputIssue, Origin } from "./origin";

/** The plan's key names for trigger settings, by trigger type. */
const KEY_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "deal.stage_changed": { stage_id: "to", stageId: "to", stage: "to", to_stage_id: "to", from_stage_id: "from", fromStageId: "from" },
};

let spellings: Map<string, string> | undefined;

/** `deal_stage_changed`, `dealStageChanged` and `deal.stage_changed` → `deal.stage_changed`. */
export function resolveTriggerType(value: unknown): unknown {
  if (typeof value !== "string" || getTrigger(value)) return value;
  spellings ??= new Map(TRIGGERS.map((trigger) => [trigger.type.replace(".", "_"), trigger.type]));
  return spellings.get(snakeCase(value.trim()).replace(".", "_")) ?? value;
}

export function normalizeTrigger(sent: unknown, origin: Origin, issues: InputIssue[]): unknown {
  if (!isRecord(sent)) return sent;
  const type = resolveTriggerType(sent.type);
  const definition = typeof type === "string" ? getTrigger(type) : undefined;
  // An unknown type is the schema's to report ("Choose a trigger"); its keys cannot be judged.
  if (!definition) return { ...sent, type };
  const trigger = rewriteKeys(sent, origin, issues, {
    allowed: objectKeys(definition.schema),
    aliases: KEY_ALIASES[definition.type],
    skip: ["type"],
  });
  origin.child("type", [...origin.path, "type"]);
  return { type: definition.type, ...trigger };
}
