"use client";
// Restores an old version after a confirmation; the server saves it as a new version.

import { useActionState, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { restoreVersionAction } from "@/lib/automations/version-actions";
import { useHydrated } from "./use-hydrated";

export function RestoreVersionButton({ id, version }: { id: string; version: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const hydrated = useHydrated();
  const [state, confirm, pending] = useActionState(async () => {
    const result = await restoreVersionAction(id, version);
    return result.ok ? null : result.error;
  }, null);
  return (
    <>
      <Button disabled={!hydrated} onClick={() => dialog.current?.showModal()}>
        Restore version {version}
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-card border border-surface-line bg-white p-0 text-left shadow-xl backdrop:bg-ink/40">
        <form action={confirm} className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-ink">Restore version {version}?</h2>
          <p className="text-sm text-ink-muted">Its definition becomes a new version; the versions since stay in the history.</p>
          {state ? <p role="alert" className="text-sm font-medium text-danger">{state}</p> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>Cancel</Button>
            <Button type="submit" disabled={pending}>{pending ? "Restoring…" : "Restore"}</Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
