"use client";
// Bulk activate / deactivate / delete for the rows ticked in the list. The checkboxes belong to
// the form by its id (they sit in the table's rows); what they name is read when a button is
// pressed, and a dialog lists the automations before anything changes.

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { bulkAutomationsAction } from "@/lib/automations/server-actions";
import { useHydrated } from "./use-hydrated";

export const BULK_FORM_ID = "bulk-automations";

type BulkAction = "activate" | "deactivate" | "delete";

const VERBS: Record<BulkAction, string> = { activate: "Activate", deactivate: "Deactivate", delete: "Delete" };

function selected(): Array<{ id: string; name: string }> {
  return [...document.querySelectorAll<HTMLInputElement>(`input[name="ids"][form="${BULK_FORM_ID}"]:checked`)].map((box) => ({
    id: box.value,
    name: box.dataset.name ?? box.value,
  }));
}

export function BulkActions() {
  const router = useRouter();
  const hydrated = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, setPending] = useState<{ action: BulkAction; items: Array<{ id: string; name: string }> } | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  function ask(action: BulkAction) {
    const items = selected();
    if (items.length === 0) {
      setMessage({ tone: "error", text: "Select at least one automation first." });
      return;
    }
    setMessage(null);
    setPending({ action, items });
    dialog.current?.showModal();
  }

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    const result = await bulkAutomationsAction({ action: pending.action, ids: pending.items.map((item) => item.id) }).catch(() => null);
    setBusy(false);
    dialog.current?.close();
    if (!result) setMessage({ tone: "error", text: "Could not reach the server. Check your connection and try again." });
    else if (!result.ok) setMessage({ tone: "error", text: result.error });
    else {
      const count = result.data.count;
      const done = { activate: "activated", deactivate: "deactivated", delete: "deleted" }[pending.action];
      setMessage({ tone: "success", text: `${count} ${count === 1 ? "automation" : "automations"} ${done}.` });
      for (const box of document.querySelectorAll<HTMLInputElement>(`input[name="ids"][form="${BULK_FORM_ID}"]`)) box.checked = false;
      router.refresh();
    }
    setPending(null);
  }

  const count = pending?.items.length ?? 0;
  return (
    <form id={BULK_FORM_ID} onSubmit={(event) => event.preventDefault()} aria-label="Selected automations" className="flex flex-wrap items-center gap-2">
      <span className="text-sm text-ink-muted">With the selected:</span>
      {(Object.keys(VERBS) as BulkAction[]).map((action) => (
        <Button key={action} variant="secondary" className={action === "delete" ? "text-danger" : undefined} disabled={!hydrated} onClick={() => ask(action)}>
          {VERBS[action]}
        </Button>
      ))}
      {message ? (
        <p role={message.tone === "error" ? "alert" : "status"} className={`text-sm font-medium ${message.tone === "error" ? "text-danger" : "text-success"}`}>
          {message.text}
        </p>
      ) : null}
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-card border border-surface-line bg-white p-0 text-left shadow-xl backdrop:bg-ink/40">
        <div className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-ink">
            {pending ? `${VERBS[pending.action]} ${count} ${count === 1 ? "automation" : "automations"}?` : ""}
          </h2>
          <ul className="max-h-48 list-disc overflow-y-auto pl-5 text-sm text-ink">
            {pending?.items.map((item) => <li key={item.id}>{item.name}</li>)}
          </ul>
          {pending?.action === "delete" ? <p className="text-sm text-ink-muted">Their run history is deleted with them. This cannot be undone.</p> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button variant={pending?.action === "delete" ? "danger" : "primary"} disabled={busy} onClick={confirm}>
              {busy ? "Working…" : pending ? `${VERBS[pending.action]} ${count === 1 ? "it" : `all ${count}`}` : ""}
            </Button>
          </div>
        </div>
      </dialog>
    </form>
  );
}
