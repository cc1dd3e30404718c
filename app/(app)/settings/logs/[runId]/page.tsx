// /settings/logs/[runId]: one run, fully explained: its trace, its actions and their effects, the
// event it ran on and the automation version. A run the user cannot see is not found.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { EventJson } from "@/components/runs/event-json";
import { formatDuration, formatRunTime, statusTone } from "@/components/runs/format";
import { RetryRunButton } from "@/components/runs/retry-run-button";
import { RunActions } from "@/components/runs/run-actions";
import { RunAttempts } from "@/components/runs/run-attempts";
import { RunVersion } from "@/components/runs/run-version";
import { TraceTree } from "@/components/runs/trace-tree";
import { Badge, Card } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { requireSession } from "@/lib/auth/session";
import { getRunDetail } from "@/lib/runs/get-run-detail";
import { readTrace } from "@/lib/runs/trace-view";
import { AppError } from "@/lib/result";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const session = await requireSession();
  const { runId } = await params;
  const { db } = await getDb();
  const detail = await getRunDetail(db, session.claims, { workspaceId: session.workspace.id, runId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const { run, event } = detail;
  const catalog = await getFieldCatalog(db, session.workspace.id);
  const ranActions = run.status === "succeeded" || detail.actions.length > 0;
  // Derived, not a run status: an email or webhook of this run is still queued.
  const waiting = detail.deliveries.some((d) => d.actionIndex !== null && (d.status === "pending" || d.status === "sending"));
  // A delivery that failed is sent again from under its action, not by re-running the action.
  const delivered = new Set(detail.deliveries.map((d) => d.actionIndex));
  const retryable = run.status === "failed" && detail.actions.some((a) => (a.status === "failed" || a.status === "skipped") && !delivered.has(a.actionIndex));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/settings/logs" className="text-ink-muted hover:text-ink">← Logs</Link>
      </nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-ink">Run of {detail.automation?.name ?? "an automation"}</h1>
          <p className="mt-1 text-sm text-ink-muted">
            <time dateTime={run.createdAt.toISOString()}>{formatRunTime(run.createdAt)}</time> · {formatDuration(run.durationMicros)} ·{" "}
            <span className="font-mono">{run.eventType}</span> on{" "}
            <Link href={`/settings/logs?entity=${encodeURIComponent(run.entityId)}`} className="font-mono text-brand-700 hover:underline">{run.entityId}</Link>
          </p>
        </div>
        <div className="flex items-start gap-3">
          {run.retryCount > 0 ? <span className="text-xs text-ink-muted">Retried {run.retryCount} {run.retryCount === 1 ? "time" : "times"}</span> : null}
          <Badge tone={statusTone(run.status)}>{run.status}</Badge>
          {event?.origin === "test" ? <Badge tone="info">test</Badge> : null}
          {waiting ? <Badge tone="info">waiting for delivery</Badge> : null}
          <RetryRunButton runId={run.id} retryable={retryable} />
        </div>
      </div>
      {event?.origin === "test" ? (
        <p className="mb-6 rounded-card border border-surface-line bg-surface-sunken px-4 py-3 text-sm text-ink">
          Test event (sent with “Send test event”): follow-ups and notifications were created; emails and outbound webhooks were not sent.
        </p>
      ) : null}
      {run.error ? (
        <p className="mb-6 rounded-card border border-red-200 bg-red-50 px-4 py-3 text-sm text-danger">{run.error}</p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="Why it ran, or not">
          <TraceTree trace={readTrace(run.trace, catalog)} showTemplates={ranActions} />
        </Panel>
        <Panel title="Actions">
          <RunActions detail={detail} viewerId={session.user.id} />
        </Panel>
        <Panel title="Event">
          {event ? (
            <>
              <p className="mb-2 text-xs text-ink-muted">
                Received <time dateTime={event.receivedAt.toISOString()}>{formatRunTime(event.receivedAt)}</time> · message id{" "}
                <span className="font-mono">{event.externalId}</span>
              </p>
              <EventJson payload={event.payload} />
            </>
          ) : (
            <p className="text-sm text-ink-muted">The event is not available.</p>
          )}
        </Panel>
        <Panel title="Automation version">
          <RunVersion detail={detail} catalog={catalog} />
        </Panel>
        {detail.attempts.length > 0 ? (
          <Panel title="Attempts">
            <RunAttempts attempts={detail.attempts} />
          </Panel>
        ) : null}
      </div>
    </>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <Card className="min-w-0 overflow-hidden">
      <section aria-labelledby={id}>
        <h2 id={id} className="border-b border-surface-line px-5 py-3 text-base font-semibold text-ink">{title}</h2>
        <div className="px-5 py-4">{children}</div>
      </section>
    </Card>
  );
}
