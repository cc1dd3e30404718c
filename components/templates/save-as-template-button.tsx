"use client";
// Admins: save this automation as a workspace template (a name and a description, in a dialog).

import { useActionState, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { saveAsTemplateAction } from "@/lib/templates/template-actions";

export function SaveAsTemplateButton({ id, name }: { id: string; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [state, submit, pending] = useActionState(async (_previous: { error?: string; saved?: boolean } | null, data: FormData) => {
    const result = await saveAsTemplateAction(id, String(data.get("name") ?? ""), String(data.get("description") ?? ""));
    if (!result.ok) return { error: result.error };
    dialog.current?.close();
    return { saved: true };
  }, null);
  return (
    <>
      <Button variant="secondary" onClick={() => dialog.current?.showModal()}>Save as template</Button>
      {state?.saved ? <span role="status" className="text-sm text-success">Saved as a template</span> : null}
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-card border border-surface-line bg-white p-0 text-left shadow-xl backdrop:bg-ink/40">
        <form action={submit} className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-ink">Save as a workspace template</h2>
          <p className="text-sm text-ink-muted">Everyone in the workspace can start from it. Webhook header values are not copied.</p>
          <Field id={`${titleId}-name`} label="Template name">
            <Input id={`${titleId}-name`} name="name" defaultValue={name} maxLength={120} required />
          </Field>
          <Field id={`${titleId}-description`} label="Description (optional)">
            <Textarea id={`${titleId}-description`} name="description" rows={2} maxLength={1000} />
          </Field>
          {state?.error ? <p role="alert" className="text-sm font-medium text-danger">{state.error}</p> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save template"}</Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
