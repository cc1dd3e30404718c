// One outbound email or webhook of an action: where it went, its state in the user's words
// (Delivered, Waiting for delivery, Kept in the mailbox, Failed), each attempt, and "Send again"
// once it finally failed.

import { Badge } from "@/components/ui/card";
import type { RunDeliveryDetail } from "@/lib/runs/get-run-detail";
import { formatRunTime } from "./format";
import { ResendDeliveryButton } from "./resend-delivery-button";

const STATE = {
  sent: { label: "Delivered", tone: "success" },
  pending: { label: "Waiting for delivery", tone: "info" },
  sending: { label: "Sending", tone: "info" },
  skipped: { label: "Kept in the mailbox", tone: "neutral" },
  failed: { label: "Failed", tone: "danger" },
} as const;

export function DeliveryRecord({ delivery }: { delivery: RunDeliveryDetail }) {
  const state = STATE[delivery.status as keyof typeof STATE] ?? { label: delivery.status, tone: "neutral" as const };
  return (
    <li aria-label={`${delivery.kind === "webhook" ? "Webhook" : "Email"} delivery`}>
      <div className="flex flex-wrap items-center gap-2">
        <span>
          {delivery.kind === "webhook" ? "Webhook" : "Email"} to <span className="font-mono">{delivery.target ?? "(unknown)"}</span>
        </span>
        <Badge tone={state.tone}>{state.label}</Badge>
        {delivery.kind === "webhook" ? <span className="text-ink-muted">webhook-id <span className="font-mono">{delivery.messageId}</span></span> : null}
        {delivery.status === "failed" ? <ResendDeliveryButton outboxId={delivery.id} /> : null}
      </div>
      {delivery.lastError ? <p className="mt-1 text-danger">{delivery.lastError}</p> : null}
      {delivery.sentAt ? <p className="mt-1 text-ink-muted">Delivered {formatRunTime(delivery.sentAt)}</p> : null}
      {delivery.status === "pending" ? <p className="mt-1 text-ink-muted">Next attempt {formatRunTime(delivery.nextAttemptAt)}</p> : null}
      {delivery.attemptLog.length > 0 ? (
        <table className="mt-2 w-full text-left" aria-label="Attempts">
          <thead className="text-ink-muted">
            <tr>
              <th className="pr-2 font-medium">#</th>
              <th className="pr-2 font-medium">Time</th>
              <th className="pr-2 font-medium">Status</th>
              <th className="pr-2 font-medium">Latency</th>
              <th className="font-medium">Result</th>
            </tr>
          </thead>
          <tbody>
            {delivery.attemptLog.map((attempt, i) => (
              <tr key={i} className="align-top">
                <td className="pr-2">{attempt.attempt}</td>
                <td className="pr-2 whitespace-nowrap">{formatRunTime(attempt.startedAt)}</td>
                <td className="pr-2">{attempt.statusCode ?? "—"}</td>
                <td className="pr-2">{attempt.latencyMs} ms</td>
                <td>
                  {attempt.error ?? attempt.outcome}
                  {attempt.responseSnippet ? <pre className="mt-1 max-h-24 overflow-auto rounded bg-surface-sunken p-1 font-mono whitespace-pre-wrap">{attempt.responseSnippet}</pre> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}
