"use client";
// "Retry" on a failed run's page: runs its failed actions (and those skipped after them) again.

import { useHydrated } from "@/components/automations/use-hydrated";
import { Button } from "@/components/ui/button";
import { useRetryRuns } from "./use-retry-runs";

/** Stays mounted once the run no longer needs a retry, so the outcome message outlives the refresh. */
export function RetryRunButton({ runId, retryable }: { runId: string; retryable: boolean }) {
  const { retry, pending, message } = useRetryRuns();
  const hydrated = useHydrated();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      {retryable ? (
        <Button type="button" onClick={() => retry([runId])} disabled={!hydrated || pending} aria-busy={pending || undefined}>
          {pending ? "Retrying…" : "Retry"}
        </Button>
      ) : null}
      {message ? (
        <span role="status" className={`text-sm ${message.tone === "success" ? "text-success" : "text-danger"}`}>{message.text}</span>
      ) : null}
    </span>
  );
}
