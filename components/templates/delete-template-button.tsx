"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { deleteTemplateAction } from "@/lib/templates/template-actions";

export function DeleteTemplateButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <Button
        variant="ghost"
        className="text-danger hover:text-danger"
        aria-label={`Delete template ${name}`}
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Delete the template “${name}”? Automations made from it stay.`)) return;
          start(async () => {
            const result = await deleteTemplateAction(id);
            if (result.ok) router.refresh();
            else setError(result.error);
          });
        }}
      >
        Delete
      </Button>
      {error ? <span role="alert" className="text-xs text-danger">{error}</span> : null}
    </>
  );
}
