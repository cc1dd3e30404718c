"use client";

import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { signUp } from "@/lib/auth/actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import type { AuthFormState } from "@/lib/auth/types";
import { FormMessage } from "./form-message";

export function SignUpForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signUp, {} as AuthFormState);
  const errors = state.fieldErrors ?? {};
  // The browser's language becomes the workspace's number format (changeable in its settings).
  const locale = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (locale.current) locale.current.value = navigator.language;
  }, []);
  return (
    <form action={action} noValidate className="space-y-4" aria-busy={pending}>
      <input type="hidden" name="next" value={next} />
      {/* The new workspace's time zone: the browser's, filled in on the client (the server cannot know it). */}
      <input type="hidden" name="timeZone" ref={(input) => void (input && (input.value = Intl.DateTimeFormat().resolvedOptions().timeZone ?? ""))} />
      <input ref={locale} type="hidden" name="locale" defaultValue="" />
      <FormMessage id="sign-up-message" error={state.error} notice={state.notice} />
      <Field id="email" label="Email" error={errors.email}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          invalid={Boolean(errors.email)}
          aria-describedby={errors.email ? "email-error" : undefined}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password} hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          invalid={Boolean(errors.password)}
          aria-describedby={errors.password ? "password-error" : undefined}
        />
      </Field>
      <Field id="workspaceName" label="Workspace name" error={errors.workspaceName} hint="Optional: your team or company. You can be invited to others later.">
        <Input
          id="workspaceName"
          name="workspaceName"
          autoComplete="organization"
          maxLength={80}
          defaultValue={state.values?.workspaceName}
          invalid={Boolean(errors.workspaceName)}
          aria-describedby={errors.workspaceName ? "workspaceName-error" : undefined}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        Create account
      </Button>
    </form>
  );
}
