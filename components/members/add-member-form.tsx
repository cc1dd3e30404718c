"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { FormMessage } from "@/components/auth/form-message";
import { addMemberAction } from "@/lib/members/actions";
import type { MemberFormState } from "@/lib/members/types";

export function AddMemberForm() {
  const [state, action, pending] = useActionState(addMemberAction, {} as MemberFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate aria-labelledby="add-member-title" className="space-y-4" aria-busy={pending}>
      <div>
        <h2 id="add-member-title" className="text-base font-semibold text-ink">
          Add a member
        </h2>
        <p className="text-sm text-ink-muted">They need an account first: ask them to sign up, then add them by email.</p>
      </div>
      <FormMessage id="add-member-message" error={state.error} notice={state.ok ? state.message : undefined} />
      {/* A new key after each success clears the inputs for the next person. */}
      <div key={state.version ?? 0} className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-start">
        <Field id="member-email" label="Email" error={errors.email}>
          <Input
            id="member-email"
            name="email"
            type="email"
            autoComplete="off"
            required
            invalid={Boolean(errors.email)}
            aria-describedby={errors.email ? "member-email-error" : undefined}
          />
        </Field>
        <Field id="member-role" label="Role" error={errors.role}>
          <Select id="member-role" name="role" defaultValue="member" invalid={Boolean(errors.role)}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
        <Field id="member-crm-user-id" label="CRM user id" error={errors.crmUserId} hint="Optional">
          <Input
            id="member-crm-user-id"
            name="crmUserId"
            autoComplete="off"
            maxLength={100}
            invalid={Boolean(errors.crmUserId)}
            aria-describedby={errors.crmUserId ? "member-crm-user-id-error" : undefined}
          />
        </Field>
        <Button type="submit" className="sm:mt-6" disabled={pending}>
          Add member
        </Button>
      </div>
    </form>
  );
}
