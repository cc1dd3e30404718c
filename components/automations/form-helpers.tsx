"use client";
// Small pieces every automation form component shares: ids derived from form paths, the error at
// a path (field arrays keep theirs under `.root`), and the member list for recipient pickers.

import { createContext, useContext } from "react";
import { get, useFormContext, type FieldValues } from "react-hook-form";
import type { FieldCatalog } from "@/lib/automations/field-catalog";
import type { EntityType } from "@/lib/automations/fields";
import type { MemberOption } from "@/lib/automations/list-assignable-members";
import { useFieldCatalog } from "./field-catalog-context";

/** `actions.0.config.subject` → `actions-0-config-subject`: unique, stable and valid as an id. */
export function fieldId(path: string): string {
  return path.replace(/\./g, "-");
}

type ErrorNode = { message?: unknown; root?: { message?: unknown } } | undefined;

export function errorMessage(errors: FieldValues, path: string): string | undefined {
  const node = get(errors, path) as ErrorNode;
  const message = node?.message ?? node?.root?.message;
  return typeof message === "string" ? message : undefined;
}

/** Everything an input needs to show and announce its own error. */
export function useFieldState(path: string) {
  const { formState } = useFormContext();
  const id = fieldId(path);
  const error = errorMessage(formState.errors, path);
  return {
    id,
    error,
    inputProps: { id, invalid: Boolean(error), "aria-describedby": error ? `${id}-error` : undefined },
  };
}

const MembersContext = createContext<readonly MemberOption[]>([]);

export const MembersProvider = MembersContext.Provider;

export function useMembers(): readonly MemberOption[] {
  return useContext(MembersContext);
}

/** Example variables for the trigger's entity, from the field catalog: "{{deal.title}}, {{deal.amount}}". */
function templateExamples(entity: EntityType, catalog: FieldCatalog): string[] {
  const fields = catalog.fieldsFor(entity);
  const text = fields.filter((field) => field.type === "text");
  const second = fields.find((field) => field.type === "number") ?? text[1];
  return [text[0], second].filter(Boolean).map((field) => `{{${entity}.${field!.key}}}`);
}

export function TemplateHint({ entity }: { entity: EntityType }) {
  const variables = [...templateExamples(entity, useFieldCatalog()), "{{owner.email}}"];
  return (
    <>
      You can use{" "}
      {variables.map((variable, index) => (
        <span key={variable}>
          {index > 0 ? ", " : null}
          <code className="rounded bg-surface-sunken px-1 font-mono text-[11px] text-ink">{variable}</code>
        </span>
      ))}{" "}
      … from the event.
    </>
  );
}
