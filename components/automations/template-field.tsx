"use client";
// A text field that is a `{{…}}` template: a picker inserts a variable at the cursor, and unknown
// variables are named under the field as it is typed (the same check the save runs).

import { useRef } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { EntityType } from "@/lib/automations/fields";
import { unknownVariableWarnings } from "@/lib/automations/template-check";
import { useFieldCatalog } from "./field-catalog-context";
import { TemplateHint, useFieldState } from "./form-helpers";

type Props = { path: string; label: string; entity: EntityType; multiline?: boolean };

export function TemplateField({ path, label, entity, multiline = false }: Props) {
  const { register, setValue, getValues } = useFormContext();
  const state = useFieldState(path);
  const text = (useWatch({ name: path }) as string | undefined) ?? "";
  const catalog = useFieldCatalog();
  const warnings = unknownVariableWarnings(text, entity, path, catalog);
  const element = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const registration = register(path);
  const warningId = `${state.id}-warning`;
  const describedBy = [state.inputProps["aria-describedby"], warnings.length ? warningId : undefined].filter(Boolean).join(" ") || undefined;
  const inputProps = {
    ...state.inputProps,
    "aria-describedby": describedBy,
    ...registration,
    ref: (node: HTMLInputElement | HTMLTextAreaElement | null) => {
      registration.ref(node);
      element.current = node;
    },
  };

  function insert(variable: string) {
    const current = String(getValues(path) ?? "");
    const node = element.current;
    const start = node?.selectionStart ?? current.length;
    const end = node?.selectionEnd ?? current.length;
    const token = `{{${variable}}}`;
    setValue(path, current.slice(0, start) + token + current.slice(end), { shouldDirty: true, shouldValidate: state.error !== undefined });
    // Back to the text, the cursor just after what was inserted.
    requestAnimationFrame(() => {
      node?.focus();
      node?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <div className="space-y-1">
      <Field id={state.id} label={label} error={state.error} hint={<TemplateHint entity={entity} />}>
        {multiline ? <Textarea {...inputProps} rows={3} /> : <Input {...inputProps} type="text" />}
      </Field>
      {warnings.length > 0 ? (
        <ul id={warningId} className="text-xs font-medium text-amber-800">
          {warnings.map((warning) => (
            <li key={warning.message}>{warning.message}</li>
          ))}
        </ul>
      ) : null}
      <Select
        // Not "…into Subject": the name would then also answer to the field's own label.
        aria-label="Insert a variable"
        title={`Inserts a variable at the cursor in ${label}`}
        value=""
        className="w-auto text-xs"
        onChange={(event) => {
          if (event.target.value) insert(event.target.value);
        }}
      >
        <option value="">Insert a variable…</option>
        {catalog.templateVariablesFor(entity).map((variable) => (
          <option key={variable.path} value={variable.path}>
            {variable.label} — {`{{${variable.path}}}`}
          </option>
        ))}
      </Select>
    </div>
  );
}
