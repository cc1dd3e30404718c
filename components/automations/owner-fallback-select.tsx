"use client";
// "If the deal owner cannot be found": who an action addressed to the deal owner goes to instead when
// the event names no owner or one not mapped to a member, or to skip the action. Shown only while
// the recipient is the deal owner. An automation saved before fallbacks existed may have none: the
// run then fails (as the event's problem, not counted toward switching the automation off).

import { useFormContext, useWatch } from "react-hook-form";
import { Field, Select } from "@/components/ui/field";
import { useFieldState, useMembers } from "./form-helpers";

const CHOICES = [
  { kind: "automation_owner", label: "The automation owner" },
  { kind: "member", label: "A team member" },
  { kind: "skip", label: "Skip this action" },
] as const;
const NONE = "";

type Choice = (typeof CHOICES)[number]["kind"] | typeof NONE;

export function OwnerFallbackSelect({ path, recipientPath }: { path: string; recipientPath: string }) {
  const { setValue, register, formState } = useFormContext();
  const recipientKind = useWatch({ name: `${recipientPath}.kind` }) as string | undefined;
  const kind = ((useWatch({ name: `${path}.kind` }) as string | undefined) ?? NONE) as Choice;
  const members = useMembers();
  const state = useFieldState(`${path}.kind`);
  const member = useFieldState(`${path}.userId`);
  if (recipientKind !== "deal_owner") return null;

  const choose = (next: Choice) =>
    setValue(path, next === NONE ? undefined : next === "member" ? { kind: next, userId: "" } : { kind: next }, {
      shouldDirty: true,
      shouldValidate: formState.isSubmitted,
    });

  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field id={state.id} label="If the deal owner cannot be found" error={state.error}>
        <Select {...state.inputProps} invalid={Boolean(state.error)} value={kind} onChange={(event) => choose(event.target.value as Choice)}>
          {CHOICES.map((choice) => (
            <option key={choice.kind} value={choice.kind}>
              {choice.label}
            </option>
          ))}
          <option value={NONE}>Fail the run</option>
        </Select>
      </Field>
      {kind === "member" ? (
        <Field id={member.id} label="Fallback member" error={member.error}>
          <Select {...member.inputProps} {...register(`${path}.userId`)}>
            <option value="">Choose a member</option>
            {members.map((option) => (
              <option key={option.userId} value={option.userId}>
                {option.email}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
    </div>
  );
}
