"use client";
// One click to switch back on an automation that was turned off after repeated failures: setting it
// active also clears its failure streak and the reason (lib/automations/set-automation-active.ts).

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setAutomationActiveAction } from "@/lib/automations/server-actions";
import { useHydrated } from "./use-hydrated";

export function ReactivateButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const reactivate = () =>
    startTransition(async () => {
      setError(null);
      try {
        const result = await setAutomationActiveAction(id, true);
        if (!result.ok) setError(result.error);
        else router.refresh();
      } catch {
        setError("Could not reach the server. Try again.");
      }
    });
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button type="button" variant="secondary" onClick={reactivate} disabled={!hydrated || pending} aria-busy={pending || undefined} aria-label={`Reactivate ${name}`}>
        {pending ? "Reactivating…" : "Reactivate"}
      </Button>
      {error ? <span role="alert" className="text-xs font-medium text-danger">{error}</span> : null}
    </span>
  );
}
