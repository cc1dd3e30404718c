"use client";
// "Send test event" where a run list is empty: the webhooks page's own server action (a signed
// sample delivery through the given source), then the polled run list is refetched at once so the
// run it made shows without waiting for the next poll.

import { useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect } from "react";
import { FormMessage } from "@/components/auth/form-message";
import { useHydrated } from "@/components/automations/use-hydrated";
import { Button } from "@/components/ui/button";
import { runKeys } from "@/lib/runs/query-keys";
import { sendTestEventAction } from "@/lib/webhooks/sources/actions";
import type { SourceActionState } from "@/lib/webhooks/sources/types";

export function SendTestEventButton({ sourceId }: { sourceId: string }) {
  const [state, action, pending] = useActionState(sendTestEventAction, {} as SourceActionState);
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (state.version) void queryClient.invalidateQueries({ queryKey: runKeys.lists() });
  }, [state.version, queryClient]);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="sourceId" value={sourceId} />
      <Button type="submit" disabled={pending || !hydrated} aria-busy={pending || undefined}>
        {pending ? "Sending…" : "Send test event"}
      </Button>
      <FormMessage id={`test-event-${sourceId}`} error={state.error} notice={state.ok ? state.message : undefined} />
    </form>
  );
}
