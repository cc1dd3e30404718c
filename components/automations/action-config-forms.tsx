"use client";
// One small form per action type. Paths are `actions.<n>.config.<key>`, matching the zod issue
// paths, so each message (from the resolver or the server) lands under its own input.

import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError, Input, Select } from "@/components/ui/field";
import type { EntityType } from "@/lib/automations/fields";
import { useFieldCatalog } from "./field-catalog-context";
import { useFieldState } from "./form-helpers";
import { NumberInput } from "./number-entry";
import { OwnerFallbackSelect } from "./owner-fallback-select";
import { RecipientSelect } from "./recipient-select";
import { TemplateField } from "./template-field";

export type ConfigFormProps = { path: string; entity: EntityType };


export function CreateActivityForm({ path, entity }: ConfigFormProps) {
  const { register } = useFormContext();
  const { activityTypes } = useFieldCatalog();
  const chosen = useWatch({ name: `${path}.activityType` }) as unknown;
  const activityType = useFieldState(`${path}.activityType`);
  // A type the workspace no longer has stays visible (and is refused on save) rather than silently swapped.
  const stale = typeof chosen === "string" && chosen && !activityTypes.some((type) => type.value === chosen) ? chosen : null;
  const due = useFieldState(`${path}.dueInDays`);
  const dueTime = useFieldState(`${path}.dueTime`);
  const businessId = `${due.id}-business`;
  return (
    <div className="space-y-3">
      <TemplateField path={`${path}.subject`} label="Subject" entity={entity} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={activityType.id} label="Activity type" error={activityType.error}>
          <Select {...activityType.inputProps} {...register(`${path}.activityType`)}>
            {chosen === "" ? <option value="">Choose a type</option> : null}
            {activityTypes.map((type) => (
              <option key={type.value} value={type.value}>
                {type.label}
              </option>
            ))}
            {stale ? <option value={stale}>{stale}</option> : null}
          </Select>
        </Field>
        <NumberInput name={`${path}.dueInDays`} inputProps={due.inputProps} error={due.error} integer>
          {(input, error) => (
            <Field id={due.id} label="Due in (days)" error={error} hint="0 means due the day it is created.">
              {input}
            </Field>
          )}
        </NumberInput>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={dueTime.id} label="At (optional)" error={dueTime.error} hint="A time of day in the workspace's time zone. Blank: the time the event arrived.">
          <Input {...dueTime.inputProps} type="time" {...register(`${path}.dueTime`)} />
        </Field>
        <label htmlFor={businessId} className="flex items-center gap-2 self-center text-sm text-ink">
          <input id={businessId} type="checkbox" className="h-4 w-4" {...register(`${path}.businessDays`)} />
          Count business days only (Monday to Friday)
        </label>
      </div>
      <RecipientSelect path={`${path}.assignee`} label="Assignee" fallbackPath={`${path}.ifOwnerMissing`} />
      <OwnerFallbackSelect path={`${path}.ifOwnerMissing`} recipientPath={`${path}.assignee`} />
      <TemplateField path={`${path}.note`} label="Note (optional)" entity={entity} multiline />
    </div>
  );
}

export function SendEmailForm({ path, entity }: ConfigFormProps) {
  return (
    <div className="space-y-3">
      <RecipientSelect path={`${path}.to`} label="To" allowAddress fallbackPath={`${path}.ifOwnerMissing`} />
      <OwnerFallbackSelect path={`${path}.ifOwnerMissing`} recipientPath={`${path}.to`} />
      <TemplateField path={`${path}.subject`} label="Subject" entity={entity} />
      <TemplateField path={`${path}.body`} label="Message" entity={entity} multiline />
    </div>
  );
}

export function NotifyUserForm({ path, entity }: ConfigFormProps) {
  return (
    <div className="space-y-3">
      <RecipientSelect path={`${path}.to`} label="Who to notify" fallbackPath={`${path}.ifOwnerMissing`} />
      <OwnerFallbackSelect path={`${path}.ifOwnerMissing`} recipientPath={`${path}.to`} />
      <TemplateField path={`${path}.message`} label="Message" entity={entity} multiline />
    </div>
  );
}

export function SendWebhookForm({ path }: ConfigFormProps) {
  const { register } = useFormContext();
  const url = useFieldState(`${path}.url`);
  const headers = useFieldState(`${path}.headers`);
  const { fields, append, remove } = useFieldArray({ name: `${path}.headers` });
  return (
    <div className="space-y-3">
      <Field id={url.id} label="URL" error={url.error} hint="The event is POSTed as JSON, signed with the Standard Webhooks scheme.">
        <Input {...url.inputProps} type="url" inputMode="url" placeholder="https://example.com/hooks/crm" {...register(`${path}.url`)} />
      </Field>
      <div className="space-y-2">
        <p className="text-sm font-medium text-ink">Headers (optional)</p>
        {fields.map((item, index) => (
          <HeaderRow key={item.id} path={`${path}.headers.${index}`} number={index + 1} onRemove={() => remove(index)} />
        ))}
        <FieldError id={`${headers.id}-error`} message={headers.error} />
        <Button variant="secondary" onClick={() => append({ name: "", value: "" })}>
          + Add header
        </Button>
      </div>
    </div>
  );
}

function HeaderRow({ path, number, onRemove }: { path: string; number: number; onRemove: () => void }) {
  const { register } = useFormContext();
  const name = useFieldState(`${path}.name`);
  const value = useFieldState(`${path}.value`);
  return (
    <fieldset aria-label={`Header ${number}`} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <Field id={name.id} label={`Header ${number} name`} error={name.error}>
        <Input {...name.inputProps} placeholder="X-Api-Key" {...register(`${path}.name`)} />
      </Field>
      <Field id={value.id} label={`Header ${number} value`} error={value.error}>
        <Input {...value.inputProps} {...register(`${path}.value`)} />
      </Field>
      <div className="sm:pt-6">
        <Button variant="ghost" onClick={onRemove} aria-label={`Remove header ${number}`}>
          ✕
        </Button>
      </div>
    </fieldset>
  );
}
