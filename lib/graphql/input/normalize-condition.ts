// A condition as the API accepts it → the stored tree. A single leaf may come unwrapped
// (`{ "field": "amount", "operator": ">", "value": 1000 }`), fields may be bare keys of the
// trigger's entity, operators may be symbols; groups are `{ match, conditions }` or `{ all: [...] }`.

import { DEFAULT_FIELD_CATALOG, type FieldCatalog } from "@/lib/automations/field-catalog";
import type { EntityType } from "@/lib/automations/fields";
import { getOperator } from "@/lib/automations/operators";
import { isRecord, rewriteKeys, snakeCase, type JsonRecord } from "./keys";
import type { InputIssue, Origin } from "./origin";

export const OPERATOR_SYMBOLS: Readonly<Record<string, string>> = {
  ">": "gt",
  ">=": "gte",
  "<": "lt",
  "<=": "lte",
  "=": "equals",
  "==": "equals",
  "!=": "not_equals",
  "<>": "not_equals",
};

const MATCH_WORDS: Readonly<Record<string, "all" | "any">> = { all: "all", and: "all", any: "any", or: "any" };

type Context = { entity: EntityType | undefined; issues: InputIssue[]; catalog: FieldCatalog };

export function resolveOperator(value: unknown): unknown {
  if (typeof value !== "string" || getOperator(value)) return value;
  const trimmed = value.trim();
  return OPERATOR_SYMBOLS[trimmed] ?? (getOperator(snakeCase(trimmed)) ? snakeCase(trimmed) : value);
}

/** A bare key of the trigger's entity becomes its catalog path (`amount` → `deal.amount`). */
export function resolveField(value: unknown, entity: EntityType | undefined, catalog: FieldCatalog = DEFAULT_FIELD_CATALOG): unknown {
  if (typeof value !== "string" || catalog.getField(value) || !entity) return value;
  return catalog.getEntityField(entity, value.trim())?.path ?? value;
}

function isGroup(sent: JsonRecord): boolean {
  return sent.kind === "group" || "conditions" in sent || "all" in sent || "any" in sent;
}

/** null/absent → null ("always"); a lone leaf is wrapped in an "all" group reported at the leaf's own path. */
export function normalizeCondition(
  sent: unknown,
  origin: Origin,
  entity: EntityType | undefined,
  issues: InputIssue[],
  catalog: FieldCatalog = DEFAULT_FIELD_CATALOG,
): unknown {
  if (sent === null || sent === undefined) return null;
  const ctx = { entity, issues, catalog };
  if (!isRecord(sent)) return sent;
  if (isGroup(sent)) return normalizeGroup(sent, origin, ctx);
  const list = origin.child("conditions", origin.path);
  return { kind: "group", match: "all", conditions: [normalizeLeaf(sent, list.child(0, origin.path), ctx)] };
}

function normalizeNode(sent: unknown, origin: Origin, ctx: Context): unknown {
  if (!isRecord(sent)) return sent;
  return isGroup(sent) ? normalizeGroup(sent, origin, ctx) : normalizeLeaf(sent, origin, ctx);
}

function normalizeGroup(sent: JsonRecord, origin: Origin, ctx: Context): unknown {
  // `{ "all": [...] }` / `{ "any": [...] }` shorthand: the key is the match.
  const shorthand = (["all", "any"] as const).find((key) => key in sent && !("conditions" in sent));
  const group = shorthand
    ? rewriteKeys(sent, origin, ctx.issues, { allowed: ["kind", shorthand], aliases: { [shorthand]: shorthand } })
    : rewriteKeys(sent, origin, ctx.issues, { allowed: ["kind", "match", "conditions"] });
  const listKey = shorthand ?? "conditions";
  const sentList = group[listKey];
  const listOrigin = origin.at(listKey);
  if (shorthand) origin.child("conditions", listOrigin?.path ?? [...origin.path, shorthand]);
  const conditionsOrigin = origin.at("conditions");
  const conditions = Array.isArray(sentList)
    ? sentList.map((node, index) => normalizeNode(node, conditionsOrigin!.child(index, [...conditionsOrigin!.path, index]), ctx))
    : sentList;
  const match = shorthand ?? (typeof group.match === "string" ? (MATCH_WORDS[group.match.trim().toLowerCase()] ?? group.match) : (group.match ?? "all"));
  return { kind: "group", match, conditions };
}

function normalizeLeaf(sent: JsonRecord, origin: Origin, ctx: Context): unknown {
  const leaf = rewriteKeys(sent, origin, ctx.issues, { allowed: ["kind", "field", "operator", "value"] });
  const out: JsonRecord = { kind: "condition", field: resolveField(leaf.field, ctx.entity, ctx.catalog), operator: resolveOperator(leaf.operator) };
  if (Object.hasOwn(leaf, "value")) out.value = leaf.value;
  return out;
}
