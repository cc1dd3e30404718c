"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { FormMessage } from "@/components/auth/form-message";
import { inviteMemberAction } from "@/lib/members/actions";
import type { MemberFormState } from "@/lib/members/types";

export function InviteMemberForm() {
  const [state, action, pending] = useActionState(inviteMemberAction, {} as MemberFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate aria-labelledby="invite-member-title" className="space-y-4" aria-busy={pending}>
      <div>
        <h2 id="invite-member-title" className="text-base font-semibold text-ink">
          Invite someone
        </h2>
        <p className="text-sm text-ink-muted">
          They see the invitation after signing in, or signing up, with this email, and accept or decline it.
        </p>
      </div>
      <FormMessage id="invite-member-message" error={state.error} notice={state.ok ? state.message : undefined} />
      {/* A new key after each success clears the inputs for the next person. */}
      <div key={state.version ?? 0} className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
        <Field id="invite-email" label="Email" error={errors.email}>
          <Input
            id="invite-email"
            name="email"
            type="email"
            autoComplete="off"
            required
            invalid={Boolean(errors.email)}
            aria-describedby={errors.email ? "invite-email-error" : undefined}
          />
        </Field>
        <Field id="invite-role" label="Role" error={errors.role}>
          <Select id="invite-role" name="role" defaultValue="member" invalid={Boolean(errors.role)}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
        <Button type="submit" className="sm:mt-6" disabled={pending}>
          Send invitation
        </Button>
      </div>
    </form>
  );
}
