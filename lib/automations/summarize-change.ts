// What changed between two versions of an automation, in a short sentence for the version list:
// "condition Amount is greater than 10,000 → Amount is greater than 20,000".

import type { ConditionGroup, ConditionLeaf } from "./conditions";
import { walkConditions } from "./conditions";
import { canonicalJson, type AutomationDefinition } from "./definition";
import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "./field-catalog";
import { describeAction, summarizeConditions, summarizeLeaf } from "./summaries";
import { describeTrigger, triggerEntity } from "./triggers";
import type { EntityType } from "./fields";

const MAX_SUMMARY = 300;

function leavesByPath(group: ConditionGroup | null): Map<string, ConditionLeaf> {
  const leaves = new Map<string, ConditionLeaf>();
  if (group) walkConditions(group, { leaf: (leaf, path) => leaves.set(path.join("."), leaf) });
  return leaves;
}

function groupShape(group: ConditionGroup | null): string {
  if (!group) return "";
  const shape = (g: ConditionGroup): unknown => ({ m: g.match, c: g.conditions.map((n) => (n.kind === "group" ? shape(n) : "leaf")) });
  return canonicalJson(shape(group));
}

function conditionChanges(before: ConditionGroup | null, after: ConditionGroup | null, catalog: FieldCatalog): string[] {
  if (canonicalJson(before) === canonicalJson(after)) return [];
  // A changed structure (groups, all/any) is told as the whole sentence; changed leaves one by one.
  if (groupShape(before) !== groupShape(after)) {
    return [`conditions ${summarizeConditions(before, catalog)} → ${summarizeConditions(after, catalog)}`];
  }
  const old = leavesByPath(before);
  const changes: string[] = [];
  for (const [path, leaf] of leavesByPath(after)) {
    const previous = old.get(path);
    if (previous && canonicalJson(previous) !== canonicalJson(leaf)) changes.push(`condition ${summarizeLeaf(previous, catalog)} → ${summarizeLeaf(leaf, catalog)}`);
  }
  return changes;
}

function actionChanges(before: unknown[], after: unknown[], entity: { before: EntityType | null; after: EntityType | null }): string[] {
  const changes: string[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (i >= before.length) changes.push(`added action ${i + 1}: ${describeAction(after[i], entity.after)}`);
    else if (i >= after.length) changes.push(`removed action ${i + 1}: ${describeAction(before[i], entity.before)}`);
    else if (canonicalJson(before[i]) !== canonicalJson(after[i])) {
      changes.push(`action ${i + 1}: ${describeAction(before[i], entity.before)} → ${describeAction(after[i], entity.after)}`);
    }
  }
  return changes;
}

/** Empty when nothing differs; otherwise every change, capped to a few hundred characters. */
export function summarizeChange(before: AutomationDefinition, after: AutomationDefinition, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): string {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`renamed “${before.name}” → “${after.name}”`);
  if ((before.description ?? "") !== (after.description ?? "")) changes.push("description changed");
  if (canonicalJson(before.trigger) !== canonicalJson(after.trigger)) {
    changes.push(`trigger ${describeTrigger(before.trigger, catalog)} → ${describeTrigger(after.trigger, catalog)}`);
  }
  changes.push(...conditionChanges(before.conditions, after.conditions, catalog), ...actionChanges(before.actions, after.actions, { before: triggerEntity(before.trigger), after: triggerEntity(after.trigger) }));
  const text = changes.join("; ");
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}
