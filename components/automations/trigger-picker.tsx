"use client";
// When does the automation run: an entity, one of its triggers from the registry, and that
// trigger's own settings. The sentence underneath is the registry's own description of it.

import { useFormContext, useWatch } from "react-hook-form";
import { Field, FieldError, Select } from "@/components/ui/field";
import { ENTITY_LABELS, ENTITY_TYPES, isEntityType, type EntityType } from "@/lib/automations/fields";
import { describeTrigger, getTrigger, getTriggerSchema, triggerEntity as entityOfTrigger, triggersFor, type TriggerInput } from "@/lib/automations/triggers";
import type { StageOption } from "@/lib/automations/field-catalog";
import { ChoiceOptions, useFieldCatalog } from "./field-catalog-context";
import { defaultTrigger } from "./form-defaults";
import { useFieldState } from "./form-helpers";
import { DateRelativeSettings, InactiveSettings, ScheduleSettings } from "./time-trigger-settings";

/** The option "Schedule" stands for triggers with no entity. */
const NO_ENTITY = "schedule";

/** The entity whose fields conditions and templates offer (a schedule has none: deal's, unused). */
export function triggerEntity(trigger: { type?: unknown } | undefined): EntityType {
  return entityOfTrigger(trigger) ?? "deal";
}

export function isScheduleTrigger(trigger: { type?: unknown } | undefined): boolean {
  return trigger?.type === "schedule";
}

export function TriggerPicker() {
  const { setValue, formState } = useFormContext();
  const catalog = useFieldCatalog();
  const trigger = useWatch({ name: "trigger" }) as TriggerInput;
  const definition = getTrigger(trigger?.type);
  const entity = triggerEntity(trigger);
  const entityChoice = isScheduleTrigger(trigger) ? NO_ENTITY : entity;
  const type = useFieldState("trigger.type");
  const replace = (next: TriggerInput) =>
    setValue("trigger", next, { shouldDirty: true, shouldValidate: formState.isSubmitted });

  const valid = (definition && getTriggerSchema(definition.type, catalog)?.safeParse(trigger).success) ?? false;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="trigger-entity" label="Entity">
          <Select
            id="trigger-entity"
            value={entityChoice}
            onChange={(event) => {
              const choice = event.target.value;
              if (choice === NO_ENTITY) replace(defaultTrigger("schedule"));
              else if (isEntityType(choice)) replace(defaultTrigger(triggersFor(choice)[0].type));
            }}
          >
            {ENTITY_TYPES.map((value) => (
              <option key={value} value={value}>
                {ENTITY_LABELS[value]}
              </option>
            ))}
            <option value={NO_ENTITY}>Schedule (no entity)</option>
          </Select>
        </Field>
        <Field id={type.id} label="Trigger" error={type.error}>
          <Select {...type.inputProps} value={definition?.type ?? ""} onChange={(event) => replace(defaultTrigger(event.target.value))}>
            {definition ? null : <option value="">Choose a trigger</option>}
            {triggersFor(entityChoice === NO_ENTITY ? null : entity).map((option) => (
              <option key={option.type} value={option.type}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {definition ? <p className="text-xs text-ink-muted">{definition.description}</p> : null}
      <TriggerSettings type={definition?.type} entity={entity} />
      {definition ? (
        <p className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-700" aria-live="polite">
          {valid ? describeTrigger(trigger, catalog) : `${definition.label}: finish the settings above`}
        </p>
      ) : null}
    </div>
  );
}

function TriggerSettings({ type, entity }: { type: string | undefined; entity: EntityType }) {
  if (type === "deal.stage_changed") return <StageSettings />;
  if (type === "deal.inactive") return <InactiveSettings />;
  if (type === "deal.date_relative" || type === "activity.date_relative") return <DateRelativeSettings entity={entity} />;
  if (type === "schedule") return <ScheduleSettings />;
  if (type?.endsWith(".updated")) return <ChangedFieldsSettings entity={entity} />;
  return null;
}

/** The workspace's stages, grouped by pipeline when it has its own. */
function StageSettings() {
  const { register } = useFormContext();
  const { stages } = useFieldCatalog();
  const [toValue, fromValue] = useWatch({ name: ["trigger.to", "trigger.from"] }) as unknown[];
  const to = useFieldState("trigger.to");
  const from = useFieldState("trigger.from");
  // A saved stage the workspace no longer lists stays shown as it is, not as "Choose a stage".
  const withSaved = (value: unknown): StageOption[] =>
    typeof value === "string" && value && !stages.some((stage) => stage.value === value) ? [...stages, { value, label: `${value} (not one of this workspace's stages)` }] : [...stages];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id={to.id} label="Moves to stage" error={to.error}>
        <Select {...to.inputProps} {...register("trigger.to")}>
          <option value="">Choose a stage</option>
          <ChoiceOptions options={withSaved(toValue)} />
        </Select>
      </Field>
      <Field id={from.id} label="From stage (optional)" error={from.error}>
        <Select {...from.inputProps} {...register("trigger.from")}>
          <option value="">Any stage</option>
          <ChoiceOptions options={withSaved(fromValue)} />
        </Select>
      </Field>
    </div>
  );
}

function ChangedFieldsSettings({ entity }: { entity: EntityType }) {
  const { register, formState } = useFormContext();
  const catalog = useFieldCatalog();
  const fields = useFieldState("trigger.fields");
  // One unknown key reports at `trigger.fields.<index>`: show the first such message for the set.
  const itemError = Object.values((formState.errors.trigger as { fields?: Record<string, { message?: string }> } | undefined)?.fields ?? {})
    .map((error) => error?.message)
    .find(Boolean);
  return (
    <fieldset className="space-y-2" aria-describedby={fields.error || itemError ? `${fields.id}-error` : undefined}>
      <legend className="text-sm font-medium text-ink">Only when these fields change</legend>
      <p className="text-xs text-ink-muted">Leave all unticked to run on every update.</p>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {catalog.fieldsFor(entity).map((field) => (
          <label key={field.key} className="inline-flex items-center gap-2 text-sm text-ink">
            <input type="checkbox" value={field.key} className="h-4 w-4 rounded border-surface-line accent-brand-600" {...register("trigger.fields")} />
            {field.label}
          </label>
        ))}
      </div>
      <FieldError id={`${fields.id}-error`} message={fields.error ?? itemError} />
    </fieldset>
  );
}
