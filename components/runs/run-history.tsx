"use client";
// The run list. The server renders the first data; while the newest page is open, react-query
// polls the same listing (GET /api/runs) every few seconds so new runs appear on their own.
// Older pages are snapshots: polling them would shift rows under the reader.

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Badge, Card } from "@/components/ui/card";
import type { RunListItem, RunPage } from "@/lib/runs/list-runs";
import { runKeys } from "@/lib/runs/query-keys";
import { hasRunFilters, runFiltersQuery, type RunFilters } from "@/lib/runs/run-filters";
import { formatDuration, formatRunTime, statusTone } from "./format";

export const LIVE_INTERVAL_MS = 3_000;

type Props = {
  initialPage: RunPage;
  /** Everything the listing was asked for, the cursor and a fixed automation included. */
  filters: RunFilters;
  /** Where filter and page links point; a fixed automation lives in the path, not the query. */
  basePath: string;
  fixedAutomationId?: string;
};

async function fetchRuns(filters: RunFilters): Promise<RunPage> {
  const response = await fetch(`/api/runs?${runFiltersQuery(filters)}`, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? "Could not load runs.");
  }
  return (await response.json()) as RunPage;
}

export function RunHistory({ initialPage, filters, basePath, fixedAutomationId }: Props) {
  const live = !filters.cursor;
  const query = useQuery({
    queryKey: runKeys.list(filters),
    queryFn: () => fetchRuns(filters),
    initialData: initialPage,
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
  });
  const page = query.data;
  const linkFilters: RunFilters = fixedAutomationId ? { ...filters, automationId: undefined } : filters;
  const href = (overrides: Partial<RunFilters>) => {
    const search = runFiltersQuery(linkFilters, overrides);
    return search ? `${basePath}?${search}` : basePath;
  };

  return (
    <>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-xs text-ink-muted">
        <p>{live ? `Newest first. Updates every ${LIVE_INTERVAL_MS / 1000} seconds while this page is open.` : "Older runs. This page does not update."}</p>
        {query.isError ? (
          <p role="alert" className="font-medium text-danger">{query.error.message} Showing the last runs loaded.</p>
        ) : null}
      </div>
      {page.runs.length === 0 ? (
        <Card className="p-6 text-sm text-ink-muted">
          {filters.cursor ? "No older runs." : hasRunFilters(linkFilters) ? (
            <>No runs match these filters. <Link href={basePath} className="text-brand-700 underline">Clear the filters</Link></>
          ) : "No runs yet. A run is recorded each time an event triggers an automation."}
        </Card>
      ) : (
        <RunsTable runs={page.runs} showAutomation={!fixedAutomationId} entityHref={(entityId) => href({ entityId, cursor: undefined })} />
      )}
      <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
        {filters.cursor ? <Link href={href({ cursor: undefined })} className="text-brand-700 hover:underline">← Newest runs</Link> : <span />}
        {page.nextCursor ? <Link href={href({ cursor: page.nextCursor })} className="text-brand-700 hover:underline">Older runs →</Link> : null}
      </nav>
    </>
  );
}

function RunsTable({ runs, showAutomation, entityHref }: { runs: RunListItem[]; showAutomation: boolean; entityHref: (entityId: string) => string }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Runs</caption>
        <thead className="border-b border-surface-line bg-surface-sunken/60 text-xs uppercase tracking-wide text-ink-muted">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">Time</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
            {showAutomation ? <th scope="col" className="px-4 py-2.5 font-medium">Automation</th> : null}
            <th scope="col" className="px-4 py-2.5 font-medium">Event</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Entity</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Duration</th>
            <th scope="col" className="px-4 py-2.5 font-medium"><span className="sr-only">Details</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-surface-line">
          {runs.map((run) => (
            <tr key={run.id} className="align-top hover:bg-surface-sunken/40">
              <td className="whitespace-nowrap px-4 py-3"><time dateTime={run.createdAt}>{formatRunTime(run.createdAt)}</time></td>
              <td className="px-4 py-3">
                <Badge tone={statusTone(run.status)}>{run.status}</Badge>
                {run.error ? <p className="mt-1 max-w-xs truncate text-xs text-danger" title={run.error}>{run.error}</p> : null}
              </td>
              {showAutomation ? (
                <td className="px-4 py-3">
                  <Link href={`/settings/automations/${run.automationId}/runs`} className="text-ink hover:text-brand-700 hover:underline">
                    {run.automationName ?? "(automation not visible)"}
                  </Link>
                  <span className="ml-1 text-xs text-ink-faint">v{run.automationVersion}</span>
                </td>
              ) : null}
              <td className="px-4 py-3 font-mono text-xs">{run.eventType}</td>
              <td className="px-4 py-3">
                <Link href={entityHref(run.entityId)} className="font-mono text-xs text-ink hover:text-brand-700 hover:underline" title="Runs for this entity">
                  {run.entityId}
                </Link>
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-ink-muted">{formatDuration(run.durationMicros)}</td>
              <td className="px-4 py-3 text-right">
                <Link href={`/settings/logs/${run.id}`} className="font-medium text-brand-700 hover:underline">Details</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
