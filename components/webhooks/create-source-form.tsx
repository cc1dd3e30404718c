"use client";

import { useActionState } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { FormMessage } from "@/components/auth/form-message";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { createSourceAction } from "@/lib/webhooks/sources/actions";
import type { SourceActionState } from "@/lib/webhooks/sources/types";

export function CreateSourceForm() {
  const [state, action, pending] = useActionState(createSourceAction, {} as SourceActionState);
  const hydrated = useHydrated();
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate aria-labelledby="create-source-title" aria-busy={pending} className="space-y-4">
      <div>
        <h2 id="create-source-title" className="text-base font-semibold text-ink">
          Add a webhook source
        </h2>
        <p className="text-sm text-ink-muted">
          A source is one sender (your CRM, a Supabase project, or a Pipedrive account). It gets its own URL and credentials.
        </p>
      </div>
      <FormMessage id="create-source-message" error={state.error} notice={state.ok ? state.message : undefined} />
      <div key={state.version ?? 0} className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
        <Field id="source-name" label="Name" error={errors.name}>
          <Input id="source-name" name="name" maxLength={100} required autoComplete="off" invalid={Boolean(errors.name)} aria-describedby={errors.name ? "source-name-error" : undefined} />
        </Field>
        <Field id="source-format" label="Payload format" error={errors.format} hint="Supabase: Database Webhooks with a bearer secret. Pipedrive: webhooks v2 with an HTTP auth user and password.">
          <Select id="source-format" name="format" defaultValue="native" invalid={Boolean(errors.format)}>
            <option value="native">Native (Standard Webhooks)</option>
            <option value="supabase">Supabase Database Webhook</option>
            <option value="pipedrive">Pipedrive (webhooks v2)</option>
          </Select>
        </Field>
        <Button type="submit" className="sm:mt-6" disabled={pending || !hydrated}>
          Create source
        </Button>
      </div>
    </form>
  );
}
