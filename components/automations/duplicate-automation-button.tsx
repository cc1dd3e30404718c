"use client";
// Duplicate: a small dialog asks for the copy's name (pre-filled "… (copy)"); the server action
// creates an inactive copy owned by the current user and opens it.

import { useActionState, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { copyName } from "@/lib/automations/copy-name";
import { duplicateAutomationAction } from "@/lib/automations/server-actions";
import { useHydrated } from "./use-hydrated";

export function DuplicateAutomationButton({ id, name, compact = false }: { id: string; name: string; compact?: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const inputId = useId();
  const hydrated = useHydrated();
  // Resolves only on failure: on success the action redirects to the copy.
  const [error, duplicate, pending] = useActionState(async (_previous: string | null, formData: FormData) => {
    const result = await duplicateAutomationAction(id, String(formData.get("name") ?? ""));
    return result.ok ? null : (result.fieldErrors?.name ?? result.error);
  }, null);

  return (
    <>
      <Button
        variant={compact ? "ghost" : "secondary"}
        disabled={!hydrated}
        aria-label={compact ? `Duplicate ${name}` : undefined}
        onClick={() => dialog.current?.showModal()}
      >
        Duplicate
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-card border border-surface-line bg-white p-0 text-left shadow-xl backdrop:bg-ink/40"
      >
        <form action={duplicate} noValidate className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-ink">
            Duplicate “{name}”
          </h2>
          <Field id={inputId} label="Name of the copy" error={error ?? undefined} hint="The copy starts switched off, so it does not run twice.">
            <Input
              id={inputId}
              name="name"
              defaultValue={copyName(name)}
              maxLength={120}
              autoFocus
              invalid={Boolean(error)}
              aria-describedby={error ? `${inputId}-error` : undefined}
            />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Duplicating…" : "Duplicate"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
