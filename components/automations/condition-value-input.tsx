"use client";
// The value control of one condition, shaped by the operator (none, one value, a list, a number of
// days) and the field's type. Stores typed values (numbers as numbers, booleans as booleans) and
// leaves anything unparseable as typed, so the schema can say what is wrong with it. Numbers are
// read in the workspace's format by NumberInput.

import { useState } from "react";
import { Controller, useFormContext } from "react-hook-form";
import { Field, Input, Select } from "@/components/ui/field";
import type { FieldRef } from "@/lib/automations/fields";
import type { ValueKind } from "@/lib/automations/operators";
import { toBoolean, toNumber } from "@/lib/automations/values";
import { ChoiceOptions } from "./field-catalog-context";
import { useFieldState } from "./form-helpers";
import { NumberInput } from "./number-entry";

/** A value kept across an operator change when it still fits, otherwise cleared. */
export function coerceValue(value: unknown, kind: ValueKind): unknown {
  if (kind === "none") return undefined;
  if (kind === "list") return Array.isArray(value) ? value : value === undefined || value === "" ? undefined : [value];
  if (Array.isArray(value)) return kind === "single" ? value[0] : undefined;
  return kind === "days" ? (toNumber(value) ?? undefined) : value;
}

function typed(text: string, field: FieldRef): unknown {
  if (text.trim() === "") return undefined;
  if (field.type === "number") return toNumber(text) ?? text;
  if (field.type === "boolean") return toBoolean(text) ?? text;
  return text;
}

export function ConditionValueInput({ path, field, kind }: { path: string; field: FieldRef | undefined; kind: ValueKind | undefined }) {
  const name = `${path}.value`;
  const state = useFieldState(name);
  if (!field || !kind || kind === "none") {
    // Keeps the row's columns aligned when there is nothing to enter.
    return <div aria-hidden className="hidden sm:block" />;
  }
  if (kind === "days" || field.type === "number") {
    const list = kind === "list";
    const label = list ? "Values (separated by ;)" : kind === "days" ? "Days" : "Value";
    return (
      <NumberInput name={name} inputProps={state.inputProps} error={state.error} integer={kind === "days"} list={list} placeholder={list ? "e.g. 10; 20" : undefined}>
        {(input, error) => (
          <Field id={state.id} label={label} error={error}>
            {input}
          </Field>
        )}
      </NumberInput>
    );
  }
  if (kind === "list") {
    return (
      <Field id={state.id} label="Values (comma separated)" error={state.error}>
        <ListInput name={name} field={field} inputProps={state.inputProps} />
      </Field>
    );
  }
  return (
    <Field id={state.id} label="Value" error={state.error}>
      <SingleInput name={name} field={field} inputProps={state.inputProps} />
    </Field>
  );
}

type InputProps = ReturnType<typeof useFieldState>["inputProps"];

function SingleInput({ name, field, inputProps }: { name: string; field: FieldRef; inputProps: InputProps }) {
  const { control } = useFormContext();
  return (
    <Controller
      name={name}
      control={control}
      render={({ field: controller }) => {
        const shown = controller.value === undefined || controller.value === null ? "" : String(controller.value);
        const common = { ...inputProps, name: controller.name, ref: controller.ref, onBlur: controller.onBlur, value: shown };
        if (field.type === "date") {
          return <Input {...common} type="date" onChange={(event) => controller.onChange(typed(event.target.value, field))} />;
        }
        if (field.type === "boolean" || field.type === "choice") {
          const options = field.type === "boolean" ? [{ value: "true", label: "True" }, { value: "false", label: "False" }] : [...(field.options ?? [])];
          // A stored value the catalog no longer suggests stays selectable rather than silently lost.
          if (shown && !options.some((option) => option.value.toLowerCase() === shown.toLowerCase())) options.push({ value: shown, label: shown });
          return (
            <Select {...common} onChange={(event) => controller.onChange(typed(event.target.value, field))}>
              <option value="">Choose a value</option>
              <ChoiceOptions options={options} />
            </Select>
          );
        }
        return <Input {...common} type="text" onChange={(event) => controller.onChange(typed(event.target.value, field))} />;
      }}
    />
  );
}

/** Free text while typing ("a, " must not lose its comma); the form holds the parsed list. */
function ListInput({ name, field, inputProps }: { name: string; field: FieldRef; inputProps: InputProps }) {
  const { control, getValues } = useFormContext();
  const [text, setText] = useState(() => {
    const value = getValues(name) as unknown;
    return Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);
  });
  const suggestions = field.options?.map((option) => option.value).join(", ");
  return (
    <Controller
      name={name}
      control={control}
      render={({ field: controller }) => (
        <Input
          {...inputProps}
          // Spread: the shared Input forwards `ref` (a plain prop in React 19) but does not type it.
          {...{ ref: controller.ref, name: controller.name, onBlur: controller.onBlur }}
          value={text}
          placeholder={suggestions ? `e.g. ${suggestions}` : "e.g. first, second"}
          onChange={(event) => {
            setText(event.target.value);
            const items = event.target.value
              .split(",")
              .map((item) => typed(item.trim(), field))
              .filter((item) => item !== undefined);
            controller.onChange(items.length > 0 ? items : undefined);
          }}
        />
      )}
    />
  );
}
