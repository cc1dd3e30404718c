"use client";
// The workspace's outbound signing secret: the webhooks its automations send are signed with it
// (Standard Webhooks), so receivers can verify them. Masked until revealed; rotating takes effect
// for every delivery signed from then on.

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/automations/use-hydrated";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { rotateOutboundSecretAction } from "@/lib/outbox/actions";
import { SecretField } from "./secret-field";

export function OutboundSecretCard({ secret, rotatedAt }: { secret: string; rotatedAt: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const rotate = () => {
    if (!window.confirm("Rotate the outbound secret? Receivers must switch to the new one: webhooks signed from now on use it.")) return;
    startTransition(async () => {
      const result = await rotateOutboundSecretAction();
      setMessage(result.ok ? { ok: true, text: "Rotated. Update your receivers with the new secret." } : { ok: false, text: result.error });
      if (result.ok) router.refresh();
    });
  };
  return (
    <Card className="mb-6 p-5">
      <section aria-labelledby="outbound-secret-title" className="space-y-3">
        <div>
          <h2 id="outbound-secret-title" className="text-base font-semibold text-ink">Outgoing webhooks</h2>
          <p className="mt-1 text-sm text-ink-muted">
            “Send webhook” actions sign each request with this secret (headers webhook-id, webhook-timestamp, webhook-signature). Verify them with any Standard Webhooks library. Last set {new Date(rotatedAt).toUTCString()}.
          </p>
        </div>
        <SecretField secret={secret} sourceName="outgoing webhooks" />
        <div className="flex items-center gap-3">
          <Button type="button" variant="secondary" onClick={rotate} disabled={!hydrated || pending} aria-busy={pending || undefined}>
            {pending ? "Rotating…" : "Rotate secret"}
          </Button>
          {message ? <span role="status" className={`text-sm ${message.ok ? "text-success" : "text-danger"}`}>{message.text}</span> : null}
        </div>
      </section>
    </Card>
  );
}
