"use client";

import { useOptimistic, useState, useTransition } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { setActivityDoneAction } from "@/lib/activities/actions";

/** Ticks an activity done at once (optimistic) and settles on what the server saved. */
export function DoneCheckbox({ activityId, done, subject }: { activityId: string; done: boolean; subject: string }) {
  const [optimistic, setOptimistic] = useOptimistic(done);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const toggle = (next: boolean) =>
    startTransition(async () => {
      setOptimistic(next);
      setError(null);
      try {
        const result = await setActivityDoneAction(activityId, next);
        if (!result.ok) setError(result.error);
      } catch {
        setError("Could not reach the server. Try again.");
      }
    });
  return (
    <span className="inline-flex flex-col">
      <input
        type="checkbox"
        checked={optimistic}
        disabled={!hydrated}
        aria-busy={pending || undefined}
        aria-label={`Done: ${subject}`}
        onChange={(event) => toggle(event.target.checked)}
        className="h-4 w-4 rounded border-surface-line accent-brand-600"
      />
      {error ? (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      ) : null}
    </span>
  );
}
