// What admins submit on the "Pipelines and fields" page, as zod schemas shared by the forms and the
// server: issue paths land on the row and input that is wrong. Isomorphic (no Node APIs).

import { z } from "zod";
import { stageMatchKey } from "@/lib/automations/field-catalog";
import { ENTITY_TYPES, FIELD_TYPES, fieldsFor, type EntityType } from "@/lib/automations/fields";

export const MAX_PIPELINES = 20;
export const MAX_STAGES = 100;
export const MAX_ACTIVITY_TYPES = 50;
export const MAX_CUSTOM_FIELDS = 100;
export const MAX_OPTIONS = 100;

const label = (noun: string) =>
  z
    .string({ error: `Enter a ${noun}` })
    .trim()
    .min(1, `Enter a ${noun}`)
    .max(100, `A ${noun} has at most 100 characters`);

export const stageInputSchema = z.object({
  id: z
    .string({ error: "Enter the stage's id as your CRM sends it" })
    .trim()
    .min(1, "Enter the stage's id as your CRM sends it")
    .max(100, "A stage id has at most 100 characters"),
  label: label("label"),
});

/** Stage ids are matched ignoring case, spaces and dashes, so two that differ only so would clash. */
function refineUniqueStages(stages: readonly { id: string }[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  stages.forEach((stage, index) => {
    const key = stageMatchKey(stage.id);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else ctx.addIssue({ code: "custom", path: ["stages", index, "id"], message: `Stage id “${stage.id}” is already used by stage ${first + 1}` });
  });
}

export const pipelineInputSchema = z
  .object({
    id: z.uuid().optional(),
    name: label("pipeline name"),
    stages: z.array(stageInputSchema).min(1, "Add at least one stage").max(MAX_STAGES, `A pipeline has at most ${MAX_STAGES} stages`),
  })
  .superRefine((input, ctx) => refineUniqueStages(input.stages, ctx));
export type PipelineInput = z.output<typeof pipelineInputSchema>;

export const activityTypesInputSchema = z
  .object({
    types: z
      .array(
        z.object({
          key: z
            .string({ error: "Enter a key" })
            .trim()
            .regex(/^[a-z0-9_-]{1,60}$/, "Use 1 to 60 lowercase letters, digits, “_” or “-”, as your CRM sends it"),
          label: label("label"),
        }),
      )
      .max(MAX_ACTIVITY_TYPES, `At most ${MAX_ACTIVITY_TYPES} activity types`),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.types.forEach((type, index) => {
      if (seen.has(type.key)) ctx.addIssue({ code: "custom", path: ["types", index, "key"], message: `“${type.key}” is listed twice` });
      seen.add(type.key);
    });
  });
export type ActivityTypesInput = z.output<typeof activityTypesInputSchema>;

const optionSchema = z.object({ value: z.string().trim().min(1, "Enter a value").max(100, "A value has at most 100 characters"), label: label("label") });

export const customFieldInputSchema = z
  .object({
    id: z.uuid().optional(),
    entity: z.enum(ENTITY_TYPES, { error: "Choose what the field belongs to" }),
    key: z
      .string({ error: "Enter the field's key as your CRM sends it" })
      .trim()
      .regex(/^[A-Za-z0-9_]{1,64}$/, "Use 1 to 64 letters, digits or “_”, as your CRM sends the key"),
    label: label("label"),
    type: z.enum(FIELD_TYPES, { error: "Choose a type" }),
    options: z.array(optionSchema).max(MAX_OPTIONS, `At most ${MAX_OPTIONS} options`).default([]),
  })
  .superRefine((input, ctx) => {
    if (input.key === "id" || fieldsFor(input.entity as EntityType).some((field) => field.key === input.key)) {
      ctx.addIssue({ code: "custom", path: ["key"], message: `“${input.key}” is a built-in ${input.entity} field` });
    }
    if (input.type === "choice" && input.options.length === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "Add at least one option" });
    }
    const seen = new Set<string>();
    input.options.forEach((option, index) => {
      if (seen.has(option.value)) ctx.addIssue({ code: "custom", path: ["options", index, "value"], message: `“${option.value}” is listed twice` });
      seen.add(option.value);
    });
  })
  .transform((input) => ({ ...input, options: input.type === "choice" ? input.options : [] }));
export type CustomFieldInput = z.output<typeof customFieldInputSchema>;

/** Options typed one per line, "value" or "value: Label"; the form's text area. */
export function parseOptionLines(text: string): { value: string; label: string }[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(":");
      if (colon <= 0) return { value: line, label: line };
      return { value: line.slice(0, colon).trim(), label: line.slice(colon + 1).trim() || line.slice(0, colon).trim() };
    });
}
