"use client";

import { useActionState } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { FormMessage } from "@/components/auth/form-message";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { CopyButton } from "@/components/webhooks/copy-button";
import { createApiTokenAction } from "@/lib/api-tokens/actions";
import type { TokenActionState } from "@/lib/api-tokens/types";

/** Names a new token; the token itself is shown once, here, right after it is created. */
export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createApiTokenAction, {} as TokenActionState);
  const hydrated = useHydrated();
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate aria-labelledby="create-token-title" aria-busy={pending} className="space-y-4">
      <div>
        <h2 id="create-token-title" className="text-base font-semibold text-ink">
          Create a token
        </h2>
        <p className="text-sm text-ink-muted">A token acts as you, in this workspace only. Name it after the script or system that uses it.</p>
      </div>
      <FormMessage id="create-token-message" error={state.error} />
      {state.created ? (
        <div role="status" className="space-y-2 rounded-md border border-brand-100 bg-brand-50 p-3">
          <p className="text-sm text-brand-700">
            Token “{state.created.name}” created. Copy it now: it is not shown again.
          </p>
          <div className="flex items-center gap-2">
            <code data-testid="new-token" className="min-w-0 flex-1 truncate rounded-md border border-surface-line bg-white px-2.5 py-1.5 font-mono text-sm">
              {state.created.token}
            </code>
            <CopyButton value={state.created.token} label={`Copy the token ${state.created.name}`} />
          </div>
        </div>
      ) : null}
      <div key={state.version ?? 0} className="grid gap-4 sm:grid-cols-[2fr_auto] sm:items-start">
        <Field id="token-name" label="Name" error={errors.name}>
          <Input id="token-name" name="name" maxLength={100} required autoComplete="off" invalid={Boolean(errors.name)} aria-describedby={errors.name ? "token-name-error" : undefined} />
        </Field>
        <Button type="submit" className="sm:mt-6" disabled={pending || !hydrated}>
          Create token
        </Button>
      </div>
    </form>
  );
}
