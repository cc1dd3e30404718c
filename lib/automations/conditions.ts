// The condition tree: `all`/`any` groups over `{ field, operator, value }` leaves. Each leaf is
// checked against the field catalog and the operator registry, with issue paths pointing at the
// exact input, so the form can show every error next to its control.

import { z } from "zod";
import { DEFAULT_FIELD_CATALOG, memoByCatalog, type FieldCatalog } from "./field-catalog";
import { getOperator } from "./operators";

export const MAX_CONDITION_DEPTH = 5;
export const MAX_CONDITION_LEAVES = 50;

export type ConditionLeaf = { kind: "condition"; field: string; operator: string; value?: unknown };
export type ConditionGroup = { kind: "group"; match: "all" | "any"; conditions: ConditionNode[] };
export type ConditionNode = ConditionGroup | ConditionLeaf;
export type ConditionPath = (string | number)[];

/** The condition tree's schemas for one workspace's field catalog (memoised per catalog). */
export const conditionSchemasFor = memoByCatalog((catalog: FieldCatalog) => {
  const leaf = z
    .object({
      kind: z.literal("condition"),
      field: z.string({ error: "Choose a field" }).min(1, "Choose a field"),
      operator: z.string({ error: "Choose an operator" }).min(1, "Choose an operator"),
      value: z.unknown().optional(),
    })
    .superRefine((value, ctx) => {
      // Blank inputs already carry "Choose a field/operator": one message per control is enough.
      if (!value.field || !value.operator) return;
      const error = checkLeaf(value, catalog);
      if (error) ctx.addIssue({ code: "custom", path: [error.key], message: error.message });
    });

  // Recursive through a getter (zod 4's form of z.lazy), which keeps the discriminated union typed.
  const groupObject = z.object({
    kind: z.literal("group"),
    match: z.enum(["all", "any"], { error: "Choose “all” or “any”" }),
    get conditions(): z.ZodArray<z.ZodDiscriminatedUnion<[typeof leaf, typeof groupObject]>> {
      return z.array(z.discriminatedUnion("kind", [leaf, groupObject])).max(MAX_CONDITION_LEAVES, `Use at most ${MAX_CONDITION_LEAVES} conditions`);
    },
  });
  const group: z.ZodType<ConditionGroup> = groupObject;

  /** The stored/submitted condition tree: a root group with tree-wide limits, or null for "always". */
  const conditions = group.superRefine(checkTreeLimits).nullable();
  return { leaf, group, conditions };
});

function checkTreeLimits(root: ConditionGroup, ctx: z.RefinementCtx): void {
  let leaves = 0;
  walkConditions(root, {
    group(group, path, depth) {
      if (depth > MAX_CONDITION_DEPTH) {
        ctx.addIssue({ code: "custom", path, message: `Groups can be nested at most ${MAX_CONDITION_DEPTH} levels deep` });
      }
      // An empty nested group is almost always an unfinished edit; an empty root means "always".
      if (depth > 1 && group.conditions.length === 0) {
        ctx.addIssue({ code: "custom", path: [...path, "conditions"], message: "Add a condition to this group or remove it" });
      }
    },
    leaf() {
      leaves++;
    },
  });
  if (leaves > MAX_CONDITION_LEAVES) {
    ctx.addIssue({ code: "custom", path: ["conditions"], message: `Use at most ${MAX_CONDITION_LEAVES} conditions` });
  }
}

const builtIn = conditionSchemasFor(DEFAULT_FIELD_CATALOG);
/** The schemas over the built-in catalog (a workspace's own: conditionSchemasFor(catalog)). */
export const conditionLeafSchema = builtIn.leaf;
export const conditionGroupSchema = builtIn.group;
export const conditionsSchema = builtIn.conditions;

/** Why a leaf is invalid, keyed by the input that is wrong; null when it is fine. */
export function checkLeaf(
  leaf: ConditionLeaf,
  catalog: FieldCatalog = DEFAULT_FIELD_CATALOG,
): { key: "field" | "operator" | "value"; message: string } | null {
  const field = catalog.getField(leaf.field);
  if (!field) return { key: "field", message: `Unknown field “${leaf.field}”` };
  const operator = getOperator(leaf.operator);
  if (!operator) return { key: "operator", message: `Unknown operator “${leaf.operator}”` };
  if (!operator.accepts.includes(field.type)) {
    return { key: "operator", message: `“${operator.label}” cannot be used with ${field.label}` };
  }
  const error = operator.validate(leaf.value, field.type);
  return error ? { key: "value", message: error } : null;
}

type Visitor = {
  group?(group: ConditionGroup, path: ConditionPath, depth: number): void;
  leaf?(leaf: ConditionLeaf, path: ConditionPath, depth: number): void;
};

/** Depth-first walk with zod-style paths relative to the root group (root depth = 1). */
export function walkConditions(root: ConditionGroup, visitor: Visitor, path: ConditionPath = [], depth = 1): void {
  visitor.group?.(root, path, depth);
  root.conditions.forEach((node, index) => {
    const childPath = [...path, "conditions", index];
    if (node.kind === "group") walkConditions(node, visitor, childPath, depth + 1);
    else visitor.leaf?.(node, childPath, depth);
  });
}
