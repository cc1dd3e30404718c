"use client";
// Duplicate: the server action creates an inactive copy owned by the current user and opens it.

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { duplicateAutomationAction } from "@/lib/automations/server-actions";
import { useHydrated } from "./use-hydrated";

export function DuplicateAutomationButton({ id, name, compact = false }: { id: string; name: string; compact?: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  return (
    <span className="inline-flex flex-col items-end">
      <Button
        variant={compact ? "ghost" : "secondary"}
        disabled={pending || !hydrated}
        aria-label={compact ? `Duplicate ${name}` : undefined}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            // Resolves only on failure: on success the action redirects to the copy.
            const result = await duplicateAutomationAction(id);
            if (!result.ok) setError(result.error);
          })
        }
      >
        {pending ? "Duplicating…" : "Duplicate"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs font-medium text-danger">
          {error}
        </span>
      ) : null}
    </span>
  );
}
