"use client";
// The ordered action list: add, remove, reorder, change type. Each type's defaults and config form
// are keyed by the registry's action types, so a new action type without a form fails to compile.

import { useState, type ComponentType } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError, Select } from "@/components/ui/field";
import { ACTIONS, getAction, type ActionInput, type ActionType } from "@/lib/automations/actions";
import type { EntityType } from "@/lib/automations/fields";
import { describeAction } from "@/lib/automations/summaries";
import { CreateActivityForm, NotifyUserForm, SendEmailForm, SendWebhookForm, type ConfigFormProps } from "./action-config-forms";
import { newAction } from "./form-defaults";
import { useFieldState } from "./form-helpers";

const CONFIG_FORMS = {
  create_activity: CreateActivityForm,
  send_email: SendEmailForm,
  notify_user: NotifyUserForm,
  send_webhook: SendWebhookForm,
} satisfies Record<ActionType, ComponentType<ConfigFormProps>>;

export function ActionsEditor({ entity }: { entity: EntityType }) {
  const { fields, append, remove, swap } = useFieldArray({ name: "actions" });
  const { setValue } = useFormContext();
  // The action just added: its type control takes focus when it mounts (keyboard users land there).
  const [added, setAdded] = useState<number | null>(null);
  const list = useFieldState("actions");
  return (
    <div className="space-y-3">
      {fields.length === 0 ? (
        <p className="rounded-md border border-dashed border-surface-line px-3 py-4 text-center text-sm text-ink-muted">
          No actions yet. Add what should happen when the trigger fires.
        </p>
      ) : null}
      <ol className="space-y-3">
        {fields.map((item, index) => (
          <li key={item.id}>
            <ActionCard
              index={index}
              count={fields.length}
              entity={entity}
              onRemove={() => remove(index)}
              onMove={(to) => swap(index, to)}
              // setValue, not the array's update(): update() gives the item a new key, and the
              // remounted card would drop focus from the type control the user is on.
              onChangeType={(type) => setValue(`actions.${index}`, newAction(type), { shouldDirty: true })}
              focusType={index === added}
            />
          </li>
        ))}
      </ol>
      <FieldError id={`${list.id}-error`} message={list.error} />
      <Button
        variant="secondary"
        onClick={() => {
          setAdded(fields.length);
          append(newAction("create_activity"), { shouldFocus: false });
        }}
      >
        + Add action
      </Button>
    </div>
  );
}

type CardProps = {
  index: number;
  count: number;
  entity: EntityType;
  onRemove(): void;
  onMove(to: number): void;
  onChangeType(type: ActionType): void;
  focusType: boolean;
};

function ActionCard({ index, count, entity, onRemove, onMove, onChangeType, focusType }: CardProps) {
  const path = `actions.${index}`;
  const number = index + 1;
  const action = useWatch({ name: path }) as ActionInput | undefined;
  const definition = action ? getAction(action.type) : undefined;
  const typeState = useFieldState(`${path}.type`);
  const ConfigForm = definition ? CONFIG_FORMS[definition.type] : undefined;
  const preview = definition?.schema.safeParse(action?.config).success ? describeAction(action, entity) : null;

  return (
    <fieldset aria-label={`Action ${number}`} className="rounded-lg border border-surface-line bg-white shadow-sm">
      <div className="flex flex-wrap items-end gap-3 border-b border-surface-line bg-surface-sunken/60 px-4 py-3">
        <span aria-hidden className="grid h-7 w-7 shrink-0 place-items-center rounded-full bg-brand-600 text-xs font-semibold text-white">
          {number}
        </span>
        <div className="min-w-48 flex-1">
          <Field id={typeState.id} label={`Action ${number} type`} error={typeState.error}>
            <Select {...typeState.inputProps} autoFocus={focusType} value={definition?.type ?? ""} onChange={(event) => onChangeType(event.target.value as ActionType)}>
              {definition ? null : <option value="">Choose an action</option>}
              {ACTIONS.map((option) => (
                <option key={option.type} value={option.type}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="flex items-center gap-1">
          <Button variant="ghost" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={`Move action ${number} up`} title="Move up">
            ↑
          </Button>
          <Button variant="ghost" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={`Move action ${number} down`} title="Move down">
            ↓
          </Button>
          <Button variant="ghost" onClick={onRemove} aria-label={`Remove action ${number}`} className="text-danger hover:text-danger">
            Remove
          </Button>
        </div>
      </div>
      <div className="space-y-3 px-4 py-4">
        {definition ? <p className="text-xs text-ink-muted">{definition.description}</p> : null}
        {ConfigForm ? <ConfigForm path={`${path}.config`} entity={entity} /> : null}
        {preview ? <p className="text-xs text-ink-muted">In words: {preview}</p> : null}
      </div>
    </fieldset>
  );
}
