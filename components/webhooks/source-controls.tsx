"use client";
// The buttons of one source: rotate the secret (after a confirmation), enable/disable, send a test
// event, and delete (after a confirmation; refused once it received events). Each reports its
// outcome next to the buttons.

import { useActionState, useState, type ReactNode } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { FormMessage } from "@/components/auth/form-message";
import { Button } from "@/components/ui/button";
import { deleteSourceAction, rotateSecretAction, sendTestEventAction, setSourceActiveAction } from "@/lib/webhooks/sources/actions";
import type { SourceActionState } from "@/lib/webhooks/sources/types";
import { MAX_OLD_SECRETS } from "@/lib/webhooks/retired-secrets";

/** Outcomes go below the row of buttons (flex `order`), whichever button they belong to. */
function Message({ id, state }: { id: string; state: SourceActionState }) {
  if (!state.error && !(state.ok && state.message)) return null;
  return (
    <div className="order-1 basis-full">
      <FormMessage id={id} error={state.error} notice={state.ok ? state.message : undefined} />
    </div>
  );
}

const CONFIRM_TONES = { warning: "border-amber-200 bg-amber-50", danger: "border-red-200 bg-red-50" } as const;

type ConfirmFormProps = {
  action: (formData: FormData) => void;
  pending: boolean;
  sourceId: string;
  label: string;
  tone: keyof typeof CONFIRM_TONES;
  confirm: string;
  onCancel: () => void;
  children: ReactNode;
};

/** The inline confirmation of a source action: what it does, then confirm or cancel. */
function ConfirmForm({ action, pending, sourceId, label, tone, confirm, onCancel, children }: ConfirmFormProps) {
  return (
    <form action={action} onSubmit={onCancel} role="group" aria-label={label} className={`order-1 basis-full space-y-2 rounded-md border p-3 ${CONFIRM_TONES[tone]}`}>
      <p className="text-sm text-ink">{children}</p>
      <input type="hidden" name="sourceId" value={sourceId} />
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {confirm}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function RotateSecret({ sourceId, sourceName, secretName }: { sourceId: string; sourceName: string; secretName: string }) {
  const [state, action, pending] = useActionState(rotateSecretAction, {} as SourceActionState);
  const [confirming, setConfirming] = useState(false);
  const hydrated = useHydrated();
  if (!confirming) {
    return (
      <div className="contents">
        <Button variant="secondary" disabled={!hydrated} onClick={() => setConfirming(true)}>
          Rotate {secretName}
        </Button>
        <Message id={`rotate-${sourceId}`} state={state} />
      </div>
    );
  }
  return (
    <ConfirmForm action={action} pending={pending} sourceId={sourceId} label={`Rotate the ${secretName} of ${sourceName}`} tone="warning" confirm="Yes, rotate" onCancel={() => setConfirming(false)}>
      Create a new {secretName}? The current one keeps working for 24 hours, time to update your CRM. Ones replaced
      earlier keep their own 24 hours (up to {MAX_OLD_SECRETS} old ones at once; past that the oldest stops first).
    </ConfirmForm>
  );
}

function ToggleSource({ sourceId, isActive }: { sourceId: string; isActive: boolean }) {
  const [state, action, pending] = useActionState(setSourceActiveAction, {} as SourceActionState);
  const hydrated = useHydrated();
  return (
    <form action={action} className="contents">
      <input type="hidden" name="sourceId" value={sourceId} />
      <input type="hidden" name="isActive" value={String(!isActive)} />
      <Button type="submit" variant="secondary" disabled={pending || !hydrated}>
        {isActive ? "Disable" : "Enable"}
      </Button>
      <Message id={`toggle-${sourceId}`} state={{ error: state.error }} />
    </form>
  );
}

function DeleteSource({ sourceId, sourceName }: { sourceId: string; sourceName: string }) {
  const [state, action, pending] = useActionState(deleteSourceAction, {} as SourceActionState);
  const [confirming, setConfirming] = useState(false);
  const hydrated = useHydrated();
  if (!confirming) {
    return (
      <div className="contents">
        <Button variant="ghost" disabled={!hydrated} onClick={() => setConfirming(true)}>
          Delete
        </Button>
        <Message id={`delete-${sourceId}`} state={{ error: state.error }} />
      </div>
    );
  }
  return (
    <ConfirmForm action={action} pending={pending} sourceId={sourceId} label={`Delete ${sourceName}`} tone="danger" confirm="Yes, delete" onCancel={() => setConfirming(false)}>
      Delete this source and its delivery log? Its URL stops working. A source that received events cannot be deleted: disable it instead.
    </ConfirmForm>
  );
}

function SendTestEvent({ sourceId, disabled }: { sourceId: string; disabled: boolean }) {
  const [state, action, pending] = useActionState(sendTestEventAction, {} as SourceActionState);
  const hydrated = useHydrated();
  return (
    <form action={action} className="contents">
      <input type="hidden" name="sourceId" value={sourceId} />
      <Button type="submit" disabled={pending || !hydrated || disabled} title={disabled ? "Enable the source first" : undefined}>
        {pending ? "Sending…" : "Send test event"}
      </Button>
      <Message id={`test-${sourceId}`} state={state} />
    </form>
  );
}

export function SourceControls({ sourceId, sourceName, isActive, secretName = "secret" }: { sourceId: string; sourceName: string; isActive: boolean; secretName?: string }) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      <SendTestEvent sourceId={sourceId} disabled={!isActive} />
      <RotateSecret sourceId={sourceId} sourceName={sourceName} secretName={secretName} />
      <ToggleSource sourceId={sourceId} isActive={isActive} />
      <DeleteSource sourceId={sourceId} sourceName={sourceName} />
    </div>
  );
}
