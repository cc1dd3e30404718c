"use client";
// "If the deal owner cannot be found": who an action addressed to the deal owner goes to instead when
// the event names no owner or one not mapped to a member, or to skip the action. Shown only while
// the recipient is the deal owner. An automation saved before fallbacks existed may have none: the
// run then fails (as the event's problem, not counted toward switching the automation off).

import { useFormContext, useWatch } from "react-hook-form";
import { Field, Select } from "@/components/ui/field";
import { entityOwnerWords } from "@/lib/automations/actions";
import { triggerEntity } from "@/lib/automations/triggers";
import { useFieldState } from "./form-helpers";
import { MemberSelect } from "./member-select";

const CHOICES = [
  { kind: "automation_owner", label: "The automation owner" },
  { kind: "member", label: "A team member" },
  { kind: "skip", label: "Skip this action" },
] as const;
const NONE = "";

type Choice = (typeof CHOICES)[number]["kind"] | typeof NONE;

export function OwnerFallbackSelect({ path, recipientPath }: { path: string; recipientPath: string }) {
  const { setValue, formState } = useFormContext();
  const recipientKind = useWatch({ name: `${recipientPath}.kind` }) as string | undefined;
  const kind = ((useWatch({ name: `${path}.kind` }) as string | undefined) ?? NONE) as Choice;
  const state = useFieldState(`${path}.kind`);
  // Named after the trigger's entity: "the deal owner", "the contact's owner".
  const triggerType = useWatch({ name: "trigger.type" }) as string | undefined;
  const owner = entityOwnerWords(triggerEntity({ type: triggerType }));
  if (recipientKind !== "deal_owner") return null;

  const choose = (next: Choice) =>
    setValue(path, next === NONE ? undefined : next === "member" ? { kind: next, userId: "" } : { kind: next }, {
      shouldDirty: true,
      shouldValidate: formState.isSubmitted,
    });

  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field id={state.id} label={`If ${owner} cannot be found`} error={state.error}>
        <Select {...state.inputProps} invalid={Boolean(state.error)} value={kind} onChange={(event) => choose(event.target.value as Choice)}>
          {CHOICES.map((choice) => (
            <option key={choice.kind} value={choice.kind}>
              {choice.label}
            </option>
          ))}
          <option value={NONE}>Fail the run</option>
        </Select>
      </Field>
      {kind === "member" ? <MemberSelect path={path} label="Fallback member" /> : null}
    </div>
  );
}
