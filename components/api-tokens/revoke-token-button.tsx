"use client";

import { useState, useTransition } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { Button } from "@/components/ui/button";
import { revokeApiTokenAction } from "@/lib/api-tokens/actions";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const hydrated = useHydrated();
  const revoke = () => {
    if (!window.confirm(`Revoke the token “${name}”? Scripts using it stop working at once.`)) return;
    startTransition(async () => {
      const result = await revokeApiTokenAction(id);
      setError(result.ok ? undefined : result.error);
    });
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" onClick={revoke} disabled={pending || !hydrated} aria-label={`Revoke the token ${name}`}>
        Revoke
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-danger">
          {error}
        </span>
      ) : null}
    </span>
  );
}
