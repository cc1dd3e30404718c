// The empty run list's message: how a first run comes about, and for admins the one step to get
// it now (lib/runs/first-run-prompt.ts decides which).

import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { FirstRunPrompt } from "@/lib/runs/first-run-prompt";
import { SendTestEventButton } from "./send-test-event-button";

const link = "text-brand-700 underline";
const SAMPLE_DEAL = "a deal of yours moving from Proposal to Negotiation";

function NextStep({ prompt, scope }: { prompt: FirstRunPrompt; scope: "workspace" | "automation" }) {
  switch (prompt.kind) {
    case "member":
      return <p>Runs of your automations appear here as events arrive from your CRM. An admin of this workspace can send a test event to see one now.</p>;
    case "send":
      return (
        <>
          <p>See one now: send a sample event ({SAMPLE_DEAL}) through the webhook source “{prompt.source.name}”. Its run appears here.</p>
          <SendTestEventButton sourceId={prompt.source.id} />
        </>
      );
    case "needs_source":
      return (
        <p>
          To see one now, <Link href="/settings/webhooks" className={link}>add (or enable) a webhook source</Link>, then send a test event from here.
        </p>
      );
    case "needs_automation":
      return (
        <p>
          No automation exists yet: <Link href="/settings/automations/new" className={link}>create one</Link> (for instance, when a deal moves to Negotiation), then send a test event from here.
        </p>
      );
    case "not_triggered":
      return scope === "automation" ? (
        <p>The test event, {SAMPLE_DEAL}, does not trigger this automation (or it is off), so it would leave no run here. Runs appear as matching events arrive from your CRM.</p>
      ) : (
        <p>
          The test event, {SAMPLE_DEAL}, triggers none of these automations. <Link href="/settings/automations/new" className={link}>Create one it triggers</Link> to see a run now.
        </p>
      );
  }
}

export function NoRunsYet({ prompt, scope }: { prompt: FirstRunPrompt; scope: "workspace" | "automation" }) {
  return (
    <Card className="space-y-3 p-6 text-sm text-ink-muted">
      <h2 className="text-base font-semibold text-ink">No runs yet</h2>
      <p>A run is recorded each time an event from your CRM triggers {scope === "automation" ? "this automation" : "an automation"}.</p>
      <NextStep prompt={prompt} scope={scope} />
    </Card>
  );
}
