"use client";
// Who an action is for: the owner of what the event is about ("Deal owner", "The contact's owner"),
// the automation's owner, a chosen workspace member or (for email) an address. Picking a kind
// replaces the whole object so no stale `userId` or `address` is left.

import { useFormContext, useWatch } from "react-hook-form";
import { Field, Input, Select } from "@/components/ui/field";
import { DEFAULT_OWNER_FALLBACK, entityOwnerLabel } from "@/lib/automations/actions";
import { triggerEntity } from "@/lib/automations/triggers";
import { useFieldState } from "./form-helpers";
import { MemberSelect } from "./member-select";

const KINDS = [
  { kind: "deal_owner", label: "Deal owner" },
  { kind: "automation_owner", label: "Automation owner" },
  { kind: "member", label: "A team member" },
  { kind: "address", label: "An email address" },
] as const;

type Kind = (typeof KINDS)[number]["kind"];

function emptyRecipient(kind: Kind) {
  if (kind === "member") return { kind, userId: "" };
  if (kind === "address") return { kind, address: "" };
  return { kind };
}

/** `fallbackPath`: the action's "if the deal owner cannot be found" setting, which only the deal owner has. */
export function RecipientSelect({ path, label, allowAddress = false, fallbackPath }: { path: string; label: string; allowAddress?: boolean; fallbackPath?: string }) {
  const { setValue, register, formState } = useFormContext();
  const kind = useWatch({ name: `${path}.kind` }) as Kind | undefined;
  // A schedule has no deal, so no deal owner to address.
  const triggerType = useWatch({ name: "trigger.type" }) as string | undefined;
  const noDeal = triggerType === "schedule";
  const ownerLabel = entityOwnerLabel(triggerEntity({ type: triggerType }));
  // A union mismatch reports at the object itself ("Choose who…"), a bad kind at `.kind`.
  const self = useFieldState(path);
  const kindState = useFieldState(`${path}.kind`);
  const address = useFieldState(`${path}.address`);
  const kindError = kindState.error ?? self.error;

  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field id={kindState.id} label={label} error={kindError}>
        <Select
          {...kindState.inputProps}
          invalid={Boolean(kindError)}
          aria-describedby={kindError ? `${kindState.id}-error` : undefined}
          value={kind ?? ""}
          onChange={(event) => {
            const next = event.target.value as Kind;
            setValue(path, emptyRecipient(next), { shouldDirty: true, shouldValidate: formState.isSubmitted });
            if (fallbackPath) setValue(fallbackPath, next === "deal_owner" ? { ...DEFAULT_OWNER_FALLBACK } : undefined, { shouldDirty: true });
          }}
        >
          {kind ? null : <option value="">Choose…</option>}
          {KINDS.filter((option) => (allowAddress || option.kind !== "address") && (!noDeal || option.kind !== "deal_owner" || kind === "deal_owner")).map((option) => (
            <option key={option.kind} value={option.kind}>
              {option.kind === "deal_owner" ? ownerLabel : option.label}
            </option>
          ))}
        </Select>
      </Field>
      {kind === "member" ? <MemberSelect path={path} label="Member" /> : null}
      {kind === "address" ? (
        <Field id={address.id} label="Email address" error={address.error}>
          <Input {...address.inputProps} type="email" autoComplete="off" placeholder="name@example.com" {...register(`${path}.address`)} />
        </Field>
      ) : null}
    </div>
  );
}
