// The automation input schema, shared by the react-hook-form form and the server actions.
// Isomorphic on purpose: no Node APIs, so it can be bundled into the browser.

import { z } from "zod";
import { actionListSchema, getAction } from "./actions";
import { conditionsSchema, walkConditions } from "./conditions";
import { ENTITY_LABELS, getField } from "./fields";
import { templateSyntaxError } from "./template-check";
import { getTrigger, triggerSchema } from "./triggers";

/** An automation's name: the form's, and the one a duplicate is given. */
export const automationNameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(120, "Name must be at most 120 characters");

export const automationInputSchema = z
  .object({
    name: automationNameSchema,
    description: z.string().trim().max(1000, "Description must be at most 1000 characters").optional(),
    trigger: triggerSchema,
    conditions: conditionsSchema.optional().transform((value) => value ?? null),
    actions: actionListSchema,
  })
  .superRefine((input, ctx) => {
    // A malformed `{{…}}` would be sent as written ("Call  {{deal.amount"): refuse it.
    input.actions.forEach((action, index) => {
      const config = action.config as Record<string, unknown>;
      for (const key of getAction(action.type)?.templateFields ?? []) {
        const message = typeof config[key] === "string" ? templateSyntaxError(config[key]) : null;
        if (message) ctx.addIssue({ code: "custom", path: ["actions", index, "config", key], message });
      }
    });
    if (input.trigger.type === "schedule") {
      refineScheduleAutomation(input, ctx);
      return;
    }
    // Conditions read the triggering entity's data; a field of another entity would never be set.
    const entity = getTrigger(input.trigger.type)?.entity;
    if (!entity || !input.conditions) return;
    walkConditions(input.conditions, {
      leaf(leaf, path) {
        const field = getField(leaf.field);
        if (field && field.entity !== entity) {
          ctx.addIssue({
            code: "custom",
            path: ["conditions", ...path, "field"],
            message: `Choose a ${ENTITY_LABELS[entity].toLowerCase()} field: this automation runs on ${ENTITY_LABELS[entity].toLowerCase()} events`,
          });
        }
      },
    });
  });

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

export type AutomationInput = z.output<typeof automationInputSchema>;
export type AutomationFormValues = z.input<typeof automationInputSchema>;
