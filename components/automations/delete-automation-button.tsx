"use client";
// Delete with a confirmation dialog (the native <dialog>: focus trap, Escape and the modal role
// come for free). On success the server action redirects to the list.

import { useActionState, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { deleteAutomationAction } from "@/lib/automations/server-actions";
import { useHydrated } from "./use-hydrated";

export function DeleteAutomationButton({ id, name, query, compact = false }: { id: string; name: string; query?: string; compact?: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const hydrated = useHydrated();
  const [state, confirm, pending] = useActionState(async () => {
    const result = await deleteAutomationAction(id, query);
    return result.ok ? null : result.error;
  }, null);

  return (
    <>
      <Button
        variant={compact ? "ghost" : "secondary"}
        className={compact ? "text-danger hover:text-danger" : "text-danger"}
        aria-label={compact ? `Delete ${name}` : undefined}
        disabled={!hydrated}
        onClick={() => dialog.current?.showModal()}
      >
        Delete
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-card border border-surface-line bg-white p-0 text-left shadow-xl backdrop:bg-ink/40"
      >
        <form action={confirm} className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-ink">
            Delete “{name}”?
          </h2>
          <p className="text-sm text-ink-muted">
            It stops running and leaves the list. Its past runs stay readable, with the version they ran, until the history is
            pruned. Activities and notifications it already created stay.
          </p>
          {state ? (
            <p role="alert" className="text-sm font-medium text-danger">
              {state}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Deleting…" : "Delete automation"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
