"use client";
// "Retry" on a failed run's page: a confirmation says which version runs and what will run.

import { RetryDialog } from "./retry-dialog";

/** Stays mounted once the run no longer needs a retry, so the outcome message outlives the refresh. */
export function RetryRunButton({ runId, retryable }: { runId: string; retryable: boolean }) {
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <RetryDialog runIds={[runId]} label="Retry" showTrigger={retryable} />
    </span>
  );
}
