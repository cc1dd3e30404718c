// The kept emails, each clearly marked as not delivered, with a link to the run that produced it.
import Link from "next/link";
import { formatRunTime } from "@/components/runs/format";
import { Badge, Card } from "@/components/ui/card";
import type { MailboxMessage } from "@/lib/outbox/list-mailbox";

export function MailboxList({ messages }: { messages: MailboxMessage[] }) {
  if (messages.length === 0) return <p className="text-sm text-ink-muted">No emails yet. When a rule sends one, it appears here.</p>;
  return (
    <ul className="space-y-3" aria-label="Kept emails">
      {messages.map((message) => (
        <li key={message.id}>
          <Card className="p-4">
            <article aria-label={message.subject}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <h2 className="font-semibold text-ink">{message.subject}</h2>
                <Badge tone="warning">{message.reason}</Badge>
              </div>
              <p className="mt-1 text-xs text-ink-muted">
                To <span className="font-mono">{message.to}</span> · <time dateTime={message.createdAt.toISOString()}>{formatRunTime(message.createdAt)}</time>
                {message.runId ? (
                  <>
                    {" "}· <Link href={`/settings/logs/${message.runId}`} className="text-brand-700 underline">Open the run</Link>
                  </>
                ) : null}
              </p>
              <pre className="mt-2 whitespace-pre-wrap rounded bg-surface-sunken p-3 font-sans text-sm text-ink">{message.text}</pre>
            </article>
          </Card>
        </li>
      ))}
    </ul>
  );
}
