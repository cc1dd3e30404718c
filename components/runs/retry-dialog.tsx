"use client";
// The retry confirmation, for one run (its page) or several (the logs): which version runs ("with
// the current version", the default after an edit, or "as it ran"), and, per run, what will run,
// for whom, and what is not repeated, as the server planned it. Nothing runs until "Retry now".

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { useHydrated } from "@/components/automations/use-hydrated";
import { previewRetryAction } from "@/lib/runs/retry-actions";
import type { BulkPreview, RetryMode, RetryPreview } from "@/lib/runs/retry-run";
import { useRetryRuns } from "./use-retry-runs";

/** `showTrigger` false keeps the last outcome on screen once the run no longer needs a retry. */
type Props = { runIds: string[]; label: string; variant?: ButtonVariant; disabled?: boolean; showTrigger?: boolean; onDone?: () => void };

const MODE_LABEL: Record<RetryMode, string> = { current: "Retry with the current version", as_ran: "Retry as it ran" };

/** "Version 3, the current version, will run." for one run; the rule in words for several. */
function whichRuns(previews: RetryPreview[], mode: RetryMode | null): string {
  if (previews.length === 1) {
    const [p] = previews;
    if (p.version === p.currentVersion) return `Version ${p.version}, the current version, will run.`;
    return `Version ${p.version}, as it ran, will run (the automation is now at version ${p.currentVersion}).`;
  }
  if (mode === "as_ran") return "Each run retries with the version it ran with.";
  return "Each run retries with its automation's current version.";
}

export function RetryDialog({ runIds, label, variant = "primary", disabled, showTrigger = true, onDone }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const hydrated = useHydrated();
  const [previews, setPreviews] = useState<BulkPreview[] | null>(null);
  const [mode, setMode] = useState<RetryMode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();
  const { retry, pending, message } = useRetryRuns(() => {
    dialog.current?.close();
    onDone?.();
  });
  // Any outcome, a refusal included, is reported beside the button: the dialog makes way for it.
  useEffect(() => {
    if (message) dialog.current?.close();
  }, [message]);

  const load = (wanted: RetryMode | null) =>
    startLoading(async () => {
      setError(null);
      try {
        const result = await previewRetryAction(runIds, wanted ?? undefined);
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setPreviews(result.data);
        const edited = result.data.some((r) => r.ok && r.preview.ranVersion !== r.preview.currentVersion);
        setMode(wanted ?? (edited ? "current" : null));
      } catch {
        setError("Could not reach the server. Try again.");
      }
    });

  const open = () => {
    setPreviews(null);
    dialog.current?.showModal();
    load(null);
  };
  const choose = (next: RetryMode) => {
    setMode(next);
    load(next);
  };

  const ready = (previews ?? []).flatMap((r) => (r.ok ? [r.preview] : []));
  const edited = ready.some((p) => p.ranVersion !== p.currentVersion);
  const runnable = ready.filter((p) => !p.blocked).length;
  return (
    <>
      {showTrigger ? (
        <Button variant={variant} disabled={!hydrated || disabled || pending} aria-busy={pending || undefined} onClick={open}>
          {pending ? "Retrying…" : label}
        </Button>
      ) : null}
      {message ? <span role="status" className={`text-sm ${message.tone === "success" ? "text-success" : "text-danger"}`}>{message.text}</span> : null}
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-lg rounded-card border border-surface-line bg-white p-0 text-left shadow-xl backdrop:bg-ink/40">
        <div className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-ink">
            {runIds.length === 1 ? "Retry this run?" : `Retry ${runIds.length} runs?`}
          </h2>
          {edited ? (
            <fieldset className="space-y-1 text-sm">
              <legend className="mb-1 font-medium text-ink">Which version</legend>
              {(["current", "as_ran"] as const).map((value) => (
                <label key={value} className="flex items-center gap-2">
                  <input type="radio" name="retry-mode" value={value} checked={mode === value} onChange={() => choose(value)} disabled={loading} />
                  {MODE_LABEL[value]}
                </label>
              ))}
            </fieldset>
          ) : null}
          {error ? <p role="alert" className="text-sm text-danger">{error}</p> : null}
          {loading || !previews ? (
            <p className="text-sm text-ink-muted">Working out what will run…</p>
          ) : (
            <>
              {ready.length > 0 ? <p className="text-sm text-ink">{whichRuns(ready, mode)}</p> : null}
              <ul aria-label="What will run" className="max-h-72 space-y-3 overflow-y-auto text-sm">
                {previews.map((r) => (
                  <li key={r.runId}>{r.ok ? <PreviewSteps preview={r.preview} titled={runIds.length > 1} /> : <p className="text-danger">{r.error}</p>}</li>
                ))}
              </ul>
            </>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button disabled={loading || pending || runnable === 0} onClick={() => retry(runIds, mode ?? undefined)}>
              {pending ? "Retrying…" : "Retry now"}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}

function PreviewSteps({ preview, titled }: { preview: RetryPreview; titled: boolean }) {
  return (
    <div>
      {titled ? <p className="font-medium text-ink">{preview.automationName} on {preview.entityId} (version {preview.version})</p> : null}
      {preview.blocked ? (
        <p className="text-danger">{preview.blocked}</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {preview.steps.map((step) => (
            <li key={step.index} className={step.what === "keep" ? "text-ink-muted" : "text-ink"}>
              <span className="font-medium">{step.what === "keep" ? "Not repeated" : "Runs"}: {step.label}</span> — {step.description}
              {step.what === "keep" ? " (succeeded in an earlier attempt, unchanged)" : null}
              {step.person ? <> → {step.person}</> : null}
              {step.problem ? <span className="block text-danger">Will fail: {step.problem}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
