"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { changePasswordAction } from "@/lib/auth/account-actions";
import type { AccountFormState } from "@/lib/auth/types";
import { FormMessage } from "./form-message";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, {} as AccountFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate aria-labelledby="change-password-title" className="space-y-4" aria-busy={pending}>
      <div>
        <h2 id="change-password-title" className="text-base font-semibold text-ink">
          Change password
        </h2>
        <p className="text-sm text-ink-muted">Every other session of your account is signed out; this one stays.</p>
      </div>
      <FormMessage id="change-password-message" error={state.error} notice={state.notice} />
      <div key={state.version ?? 0} className="grid max-w-md gap-4">
        <Field id="current-password" label="Current password" error={errors.currentPassword}>
          <Input
            id="current-password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            invalid={Boolean(errors.currentPassword)}
            aria-describedby={errors.currentPassword ? "current-password-error" : undefined}
          />
        </Field>
        <Field id="new-password" label="New password" error={errors.newPassword} hint="At least 8 characters">
          <Input
            id="new-password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            invalid={Boolean(errors.newPassword)}
            aria-describedby={errors.newPassword ? "new-password-error" : undefined}
          />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        Change password
      </Button>
    </form>
  );
}
