// The automation input schema, shared by the react-hook-form form and the server actions.
// Isomorphic on purpose: no Node APIs, so it can be bundled into the browser.

import { z } from "zod";
import { actionListSchema, getAction } from "./actions";
import { conditionSchemasFor, walkConditions, type ConditionGroup } from "./conditions";
import { DEFAULT_FIELD_CATALOG, memoByCatalog, type FieldCatalog } from "./field-catalog";
import { ENTITY_LABELS } from "./fields";
import { templateSyntaxError } from "./template-check";
import { getTrigger, triggerSchemasFor } from "./triggers";

/** An automation's name: the form's, and the one a duplicate is given. */
export const automationNameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(120, "Name must be at most 120 characters");

function buildAutomationInputSchema(catalog: FieldCatalog) {
  return z
    .object({
      name: automationNameSchema,
      description: z.string().trim().max(1000, "Description must be at most 1000 characters").optional(),
      trigger: triggerSchemasFor(catalog).union,
      conditions: conditionSchemasFor(catalog).conditions.optional().transform((value) => value ?? null),
      actions: actionListSchema,
    })
    .superRefine((input, ctx) => {
      refineActions(input.actions, catalog, ctx);
      if (input.trigger.type === "schedule") {
        refineScheduleAutomation(input, ctx);
        return;
      }
      refineConditionEntity(input.trigger.type, input.conditions, catalog, ctx);
    })
    .transform((input) => ({ ...input, conditions: canonicalStages(input.conditions, catalog) }));
}

/** The automation schema for one workspace's field catalog (memoised per catalog). */
export const automationInputSchemaFor = memoByCatalog(buildAutomationInputSchema);

/** The automation schema over the built-in catalog. */
export const automationInputSchema = automationInputSchemaFor(DEFAULT_FIELD_CATALOG);

type ActionInput = { type: string; config: unknown };

/** Malformed `{{…}}` templates and activity types the workspace does not have. */
function refineActions(actions: readonly ActionInput[], catalog: FieldCatalog, ctx: z.RefinementCtx): void {
  actions.forEach((action, index) => {
    const config = action.config as Record<string, unknown>;
    // A malformed `{{…}}` would be sent as written ("Call  {{deal.amount"): refuse it.
    for (const key of getAction(action.type)?.templateFields ?? []) {
      const message = typeof config[key] === "string" ? templateSyntaxError(config[key]) : null;
      if (message) ctx.addIssue({ code: "custom", path: ["actions", index, "config", key], message });
    }
    const type = config.activityType;
    if (action.type === "create_activity" && typeof type === "string" && !catalog.isActivityType(type)) {
      const known = catalog.activityTypes.map((option) => option.value).join(", ");
      ctx.addIssue({ code: "custom", path: ["actions", index, "config", "activityType"], message: `Unknown activity type “${type}”: choose one of ${known}` });
    }
  });
}

/** Conditions read the triggering entity's data; a field of another entity would never be set. */
function refineConditionEntity(triggerType: string, conditions: ConditionGroup | null, catalog: FieldCatalog, ctx: z.RefinementCtx): void {
  const entity = getTrigger(triggerType)?.entity;
  if (!entity || !conditions) return;
  const noun = ENTITY_LABELS[entity].toLowerCase();
  walkConditions(conditions, {
    leaf(leaf, path) {
      const field = catalog.getField(leaf.field);
      if (field && field.entity !== entity) {
        ctx.addIssue({ code: "custom", path: ["conditions", ...path, "field"], message: `Choose a ${noun} field: this automation runs on ${noun} events` });
      }
    },
  });
}

/** Stage values stored as the workspace's stage ids, as ingest stores the events' stages. */
function canonicalStages(conditions: ConditionGroup | null, catalog: FieldCatalog): ConditionGroup | null {
  if (!conditions) return conditions;
  const resolve = (value: unknown) => catalog.resolveStage(value) ?? value;
  walkConditions(conditions, {
    leaf(leaf) {
      if (leaf.field !== "deal.stage") return;
      leaf.value = Array.isArray(leaf.value) ? leaf.value.map(resolve) : resolve(leaf.value);
    },
  });
  return conditions;
}

/**
 * A schedule concerns no entity: it takes no conditions, and no action may be addressed to "the
 * deal owner" (there is none). The issue lands on the control that needs changing.
 */
function refineScheduleAutomation(input: { conditions: unknown; actions: readonly { config: unknown }[] }, ctx: z.RefinementCtx): void {
  let leaves = 0;
  if (input.conditions) walkConditions(input.conditions as Parameters<typeof walkConditions>[0], { leaf: () => void leaves++ });
  if (leaves > 0) ctx.addIssue({ code: "custom", path: ["conditions"], message: "A schedule concerns no deal or contact: remove the conditions" });
  input.actions.forEach((action, index) => {
    const config = (action.config ?? {}) as Record<string, { kind?: unknown } | undefined>;
    for (const key of ["assignee", "to"]) {
      if (config[key]?.kind === "deal_owner") {
        ctx.addIssue({ code: "custom", path: ["actions", index, "config", key], message: "A schedule has no deal owner: choose the automation owner or a member" });
      }
    }
  });
}

export type AutomationInput = z.output<ReturnType<typeof buildAutomationInputSchema>>;
export type AutomationFormValues = z.input<ReturnType<typeof buildAutomationInputSchema>>;
