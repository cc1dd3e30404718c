"use client";
// On/off switch for one automation, used in the list and on the detail page. Flips at once
// (optimistic) and settles on what the server saved; a refusal is shown next to it.

import { useOptimistic, useState, useTransition } from "react";
import { setAutomationActiveAction } from "@/lib/automations/server-actions";
import { useHydrated } from "./use-hydrated";

export function ActiveToggle({ id, isActive, label, showState = false }: { id: string; isActive: boolean; label: string; showState?: boolean }) {
  const [optimistic, setOptimistic] = useOptimistic(isActive);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  const toggle = () =>
    startTransition(async () => {
      const next = !optimistic;
      setOptimistic(next);
      setError(null);
      try {
        const result = await setAutomationActiveAction(id, next);
        if (!result.ok) setError(result.error);
      } catch {
        setError("Could not reach the server. Try again.");
      }
    });

  return (
    <span className="inline-flex flex-col items-start gap-1">
      <span className="inline-flex items-center gap-2">
        <button
          type="button"
          role="switch"
          aria-checked={optimistic}
          aria-label={label}
          aria-busy={pending || undefined}
          disabled={!hydrated}
          onClick={toggle}
          className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors ${optimistic ? "bg-success" : "bg-ink-faint/60"} ${pending ? "opacity-70" : ""}`}
        >
          <span aria-hidden className={`inline-block h-4 w-4 rounded-full bg-white shadow transition-transform ${optimistic ? "translate-x-4.5" : "translate-x-0.5"}`} />
        </button>
        {showState ? (
          <span aria-hidden className={`text-sm font-medium ${optimistic ? "text-success" : "text-ink-muted"}`}>
            {optimistic ? "Active" : "Inactive"}
          </span>
        ) : null}
      </span>
      {error ? (
        <span role="alert" className="text-xs font-medium text-danger">
          {error}
        </span>
      ) : null}
    </span>
  );
}
