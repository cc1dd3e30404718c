"use client";
// The condition tree editor: a root group, nested `all`/`any` groups and field/operator/value rows.
// Fields come from the catalog for the trigger's entity and operators from `operatorsFor(type)`,
// so the choices on screen are exactly the ones the schema accepts.

import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError, Select } from "@/components/ui/field";
import { MAX_CONDITION_DEPTH, type ConditionGroup, type ConditionNode } from "@/lib/automations/conditions";
import { ENTITY_LABELS, type EntityType } from "@/lib/automations/fields";
import { getOperator, operatorsFor } from "@/lib/automations/operators";
import { summarizeDraftConditions } from "@/lib/automations/summaries";
import { coerceValue, ConditionValueInput } from "./condition-value-input";
import { useFieldCatalog } from "./field-catalog-context";
import { useFieldState } from "./form-helpers";

const BLANK_CONDITION: ConditionNode = { kind: "condition", field: "", operator: "" };

export function ConditionsBuilder({ entity }: { entity: EntityType }) {
  return (
    <div className="space-y-3">
      <GroupEditor path="conditions" depth={1} entity={entity} number="" />
      <ConditionsSentence />
    </div>
  );
}

/** The rule in words as it is built, so "(A and B) or C" cannot silently become "A or B or C". */
function ConditionsSentence() {
  const conditions = useWatch({ name: "conditions" }) as ConditionGroup | null | undefined;
  const text = summarizeDraftConditions(conditions, useFieldCatalog());
  return (
    <p aria-live="polite" className={text === "No conditions" ? "sr-only" : "rounded-md bg-surface-sunken px-3 py-2 text-sm text-ink"}>
      {text === "No conditions" ? null : `If ${text}`}
    </p>
  );
}

type GroupProps = { path: string; depth: number; entity: EntityType; number: string; onRemove?: () => void };

function GroupEditor({ path, depth, entity, number, onRemove }: GroupProps) {
  const { register } = useFormContext();
  const { fields, append, remove } = useFieldArray({ name: `${path}.conditions` });
  const match = useWatch({ name: `${path}.match` }) as "all" | "any";
  const matchState = useFieldState(`${path}.match`);
  const listState = useFieldState(`${path}.conditions`);
  const rootState = useFieldState(path);
  const root = depth === 1;
  const name = root ? "Conditions" : `Group ${number}`;
  const scope = root ? "" : ` to group ${number}`;

  return (
    <fieldset
      aria-label={name}
      className={root ? "space-y-3" : "space-y-3 rounded-lg border border-dashed border-brand-500/40 bg-brand-50/40 p-2 sm:p-3"}
    >
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="flex items-end gap-2 text-sm text-ink">
          <Field id={matchState.id} label={root ? "Match" : `Group ${number}: match`} error={matchState.error}>
            <Select {...matchState.inputProps} {...register(`${path}.match`)} className="w-auto">
              <option value="all">all of these conditions</option>
              <option value="any">any of these conditions</option>
            </Select>
          </Field>
        </div>
        {onRemove ? (
          <Button variant="ghost" onClick={onRemove} aria-label={`Remove group ${number}`}>
            Remove group
          </Button>
        ) : null}
      </div>

      {fields.length === 0 && root ? (
        <p className="rounded-md border border-dashed border-surface-line px-3 py-4 text-center text-sm text-ink-muted">
          No conditions: the automation runs every time the trigger fires.
        </p>
      ) : null}

      <ol className="space-y-2">
        {fields.map((item, index) => {
          const childPath = `${path}.conditions.${index}`;
          const childNumber = number ? `${number}.${index + 1}` : `${index + 1}`;
          const node = item as unknown as ConditionNode;
          return (
            // On a phone the connective sits above its condition, so each level of nesting costs
            // only a group's border and padding, and three levels still leave room to type.
            <li key={item.id} className="flex flex-col gap-1 sm:flex-row sm:gap-2">
              <span className="shrink-0 text-xs font-semibold uppercase tracking-wide text-ink-muted sm:w-12 sm:pt-7 sm:text-right">
                {index === 0 ? "Where" : match === "any" ? "or" : "and"}
              </span>
              <div className="min-w-0 flex-1">
                {node.kind === "group" ? (
                  <GroupEditor path={childPath} depth={depth + 1} entity={entity} number={childNumber} onRemove={() => remove(index)} />
                ) : (
                  <ConditionRow path={childPath} entity={entity} number={childNumber} onRemove={() => remove(index)} />
                )}
              </div>
            </li>
          );
        })}
      </ol>

      <FieldError id={`${listState.id}-error`} message={listState.error ?? (root ? rootState.error : undefined)} />

      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => append(BLANK_CONDITION)} aria-label={`Add condition${scope}`}>
          + Add condition
        </Button>
        {depth < MAX_CONDITION_DEPTH ? (
          <Button
            variant="secondary"
            onClick={() => append({ kind: "group", match: "all", conditions: [BLANK_CONDITION] })}
            aria-label={`Add group${scope}`}
          >
            + Add group
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}

type RowProps = { path: string; entity: EntityType; number: string; onRemove: () => void };

function ConditionRow({ path, entity, number, onRemove }: RowProps) {
  const { register, setValue, getValues } = useFormContext();
  const fieldKey = useWatch({ name: `${path}.field` }) as string;
  const operatorId = useWatch({ name: `${path}.operator` }) as string;
  const catalog = useFieldCatalog();
  const field = catalog.getField(fieldKey ?? "");
  const operator = getOperator(operatorId ?? "");
  const operators = field ? operatorsFor(field.type) : [];
  const fieldState = useFieldState(`${path}.field`);
  const operatorState = useFieldState(`${path}.operator`);
  const fields = catalog.fieldsFor(entity);
  const builtIn = fields.filter((option) => !catalog.isCustom(`${entity}.${option.key}`));
  const custom = fields.filter((option) => catalog.isCustom(`${entity}.${option.key}`));
  const known = fields.some((option) => `${entity}.${option.key}` === fieldKey);
  const fieldOption = (option: (typeof fields)[number]) => (
    <option key={option.key} value={`${entity}.${option.key}`}>
      {option.label}
    </option>
  );

  return (
    <fieldset aria-label={`Condition ${number}`} className="grid gap-2 rounded-lg border border-surface-line bg-white p-2 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-start sm:p-3">
      <Field id={fieldState.id} label="Field" error={fieldState.error}>
        <Select
          {...fieldState.inputProps}
          {...register(`${path}.field`, {
            onChange: (event: { target: { value: string } }) => {
              // A new field means a new type: start from its first operator and no value.
              const next = catalog.getField(event.target.value);
              setValue(`${path}.operator`, next ? (operatorsFor(next.type)[0]?.id ?? "") : "");
              setValue(`${path}.value`, undefined);
            },
          })}
        >
          <option value="">Choose a field</option>
          {builtIn.map(fieldOption)}
          {custom.length > 0 ? <optgroup label="Custom fields">{custom.map(fieldOption)}</optgroup> : null}
          {fieldKey && !known ? (
            <option value={fieldKey}>
              {field ? `${ENTITY_LABELS[field.entity]} ${field.label.toLowerCase()}` : fieldKey} (not a {ENTITY_LABELS[entity].toLowerCase()} field)
            </option>
          ) : null}
        </Select>
      </Field>
      <Field id={operatorState.id} label="Operator" error={operatorState.error}>
        {/* Controlled: when the field changes, the new operator is set before its options exist,
            and an uncontrolled select would keep showing "Choose an operator" (issue 22 item 2). */}
        <Select
          {...operatorState.inputProps}
          value={operatorId ?? ""}
          disabled={!field}
          {...register(`${path}.operator`, {
            onChange: (event: { target: { value: string } }) => {
              const kind = getOperator(event.target.value)?.valueKind;
              if (kind) setValue(`${path}.value`, coerceValue(getValues(`${path}.value`), kind));
            },
          })}
        >
          <option value="">{field ? "Choose an operator" : "Choose a field first"}</option>
          {operators.map((option) => (
            <option key={option.id} value={option.id} title={option.description}>
              {option.label}
            </option>
          ))}
          {operatorId && field && !operators.some((option) => option.id === operatorId) ? <option value={operatorId}>{operatorId}</option> : null}
        </Select>
      </Field>
      {/* Remounted when the field or the kind of value changes, so local text never goes stale. */}
      <ConditionValueInput key={`${fieldKey}:${operator?.valueKind}`} path={path} field={field} kind={operator?.valueKind} />
      <div className="flex sm:pt-6">
        <Button variant="ghost" onClick={onRemove} aria-label={`Remove condition ${number}`} title="Remove condition">
          ✕
        </Button>
      </div>
    </fieldset>
  );
}
