"use client";
// "Send again" under a delivery that finally failed: the same webhook-id, a fresh retry schedule.

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { Button } from "@/components/ui/button";
import { resendDeliveryAction } from "@/lib/outbox/actions";

export function ResendDeliveryButton({ outboxId }: { outboxId: number }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const resend = () =>
    startTransition(async () => {
      const result = await resendDeliveryAction(outboxId);
      setMessage(result.ok ? { ok: true, text: "Queued to be sent again." } : { ok: false, text: result.error });
      if (result.ok) router.refresh();
    });
  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="secondary" onClick={resend} disabled={!hydrated || pending} aria-busy={pending || undefined}>
        {pending ? "Sending…" : "Send again"}
      </Button>
      {message ? <span role="status" className={`text-xs ${message.ok ? "text-success" : "text-danger"}`}>{message.text}</span> : null}
    </span>
  );
}
