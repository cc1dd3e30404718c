"use client";
// Calls the retry server action and refreshes what shows the runs (the server render and the
// polled list), reporting the outcome in one sentence.

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { retryRunsAction } from "@/lib/runs/retry-actions";
import { runKeys } from "@/lib/runs/query-keys";
import type { BulkRetryResult, RetryMode } from "@/lib/runs/retry-run";

export type RetryMessage = { tone: "success" | "danger"; text: string };

function describe(results: BulkRetryResult[]): RetryMessage {
  const succeeded = results.filter((r) => r.ok && r.status === "succeeded").length;
  const failed = results.filter((r) => r.ok && r.status === "failed");
  const refused = results.filter((r): r is Extract<BulkRetryResult, { ok: false }> => !r.ok);
  if (results.length === 1) {
    const [only] = results;
    if (!only.ok) return { tone: "danger", text: only.error };
    return only.status === "succeeded" ? { tone: "success", text: "Retried: the run succeeded." } : { tone: "danger", text: `Retried, and it failed again: ${only.error}` };
  }
  const parts = [`${succeeded} succeeded`];
  if (failed.length > 0) parts.push(`${failed.length} failed again`);
  if (refused.length > 0) parts.push(`${refused.length} could not be retried (${refused[0].error})`);
  return { tone: failed.length + refused.length > 0 ? "danger" : "success", text: `Retried ${results.length} runs: ${parts.join(", ")}.` };
}

export function useRetryRuns(onDone?: () => void) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<RetryMessage | null>(null);
  const retry = (runIds: string[], mode?: RetryMode) =>
    startTransition(async () => {
      setMessage(null);
      try {
        const result = await retryRunsAction(runIds, mode);
        if (!result.ok) {
          setMessage({ tone: "danger", text: result.error });
          return;
        }
        setMessage(describe(result.data));
        onDone?.();
        await queryClient.invalidateQueries({ queryKey: runKeys.lists() });
        router.refresh();
      } catch {
        setMessage({ tone: "danger", text: "Could not reach the server. Try again." });
      }
    });
  return { retry, pending, message };
}
