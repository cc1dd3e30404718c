"use client";

import { useState, useTransition } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { Button } from "@/components/ui/button";
import { markNotificationsReadAction } from "@/lib/notifications/actions";

/** "Mark as read" for one notification, or "Mark all as read" without an id. */
export function MarkReadButton({ id, label }: { id?: string; label: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const mark = () =>
    startTransition(async () => {
      setError(null);
      try {
        const result = await markNotificationsReadAction(id);
        if (!result.ok) setError(result.error);
      } catch {
        setError("Could not reach the server. Try again.");
      }
    });
  return (
    <span className="inline-flex flex-col items-end">
      <Button variant={id ? "ghost" : "secondary"} onClick={mark} disabled={pending || !hydrated} aria-label={label}>
        {id ? "Mark as read" : "Mark all as read"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      ) : null}
    </span>
  );
}
