"use client";
// The run list. The server renders the first data; while the newest page is open, react-query
// polls the same listing (GET /api/runs) every few seconds so new runs appear on their own.
// Older pages are snapshots: polling them would shift rows under the reader.

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Badge, Card } from "@/components/ui/card";
import type { RunListItem, RunPage } from "@/lib/runs/list-runs";
import { runKeys } from "@/lib/runs/query-keys";
import { hasRunFilters, runFiltersQuery, type RunFilters } from "@/lib/runs/run-filters";
import { formatDuration, formatRunTime, statusTone } from "./format";
import { useHydrated } from "@/components/automations/use-hydrated";
import { RetryDialog } from "./retry-dialog";

export const LIVE_INTERVAL_MS = 3_000;

type Props = {
  initialPage: RunPage;
  /** Everything the listing was asked for, the cursor and a fixed automation included. */
  filters: RunFilters;
  /** Where filter and page links point; a fixed automation lives in the path, not the query. */
  basePath: string;
  fixedAutomationId?: string;
  /** Shown instead of the table while nothing has run yet (no filters, newest page). */
  noRunsYet?: ReactNode;
};

async function fetchRuns(filters: RunFilters): Promise<RunPage> {
  const response = await fetch(`/api/runs?${runFiltersQuery(filters)}`, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? "Could not load runs.");
  }
  return (await response.json()) as RunPage;
}

export function RunHistory({ initialPage, filters, basePath, fixedAutomationId, noRunsYet }: Props) {
  const live = !filters.cursor;
  const query = useQuery({
    queryKey: runKeys.list(filters),
    queryFn: () => fetchRuns(filters),
    initialData: initialPage,
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
  });
  const page = query.data;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Only failed runs on this page can be selected; a run that left the page (or failed no more) drops out.
  const selectable = new Set(page.runs.filter((run) => run.status === "failed").map((run) => run.id));
  const chosen = [...selected].filter((id) => selectable.has(id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
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
      {/* Mounted while nothing is selectable too, so the last outcome stays on screen. */}
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <RetryDialog runIds={chosen} label={`Retry selected${chosen.length > 0 ? ` (${chosen.length})` : ""}`} variant="secondary" disabled={chosen.length === 0} showTrigger={selectable.size > 0} onDone={() => setSelected(new Set())} />
      </div>
      {page.runs.length === 0 && !filters.cursor && !hasRunFilters(linkFilters) && noRunsYet ? (
        noRunsYet
      ) : page.runs.length === 0 ? (
        <Card className="p-6 text-sm text-ink-muted">
          {filters.cursor ? "No older runs." : hasRunFilters(linkFilters) ? (
            <>No runs match these filters. <Link href={basePath} className="text-brand-700 underline">Clear the filters</Link></>
          ) : "No runs yet. A run is recorded each time an event triggers an automation."}
        </Card>
      ) : (
        <RunsTable runs={page.runs} showAutomation={!fixedAutomationId} entityHref={(entityId) => href({ entityId, cursor: undefined })} selected={selected} onSelect={toggle} />
      )}
      <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
        {filters.cursor ? <Link href={href({ cursor: undefined })} className="text-brand-700 hover:underline">← Newest runs</Link> : <span />}
        {page.nextCursor ? <Link href={href({ cursor: page.nextCursor })} className="text-brand-700 hover:underline">Older runs →</Link> : null}
      </nav>
    </>
  );
}

type TableProps = {
  runs: RunListItem[];
  showAutomation: boolean;
  entityHref: (entityId: string) => string;
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
};

function RunsTable({ runs, showAutomation, entityHref, selected, onSelect }: TableProps) {
  // A click before hydration would tick the box without selecting the run.
  const hydrated = useHydrated();
  return (
    <Card className="overflow-x-auto">
      <table className="block w-full text-left text-sm md:table">
        <caption className="sr-only">Runs</caption>
        <thead className="hidden border-b border-surface-line bg-surface-sunken/60 text-xs uppercase tracking-wide text-ink-muted md:table-header-group">
          <tr>
            <th scope="col" className="w-8 py-2.5 pl-4 font-medium"><span className="sr-only">Select</span></th>
            <th scope="col" className="px-4 py-2.5 font-medium">Time</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
            {showAutomation ? <th scope="col" className="px-4 py-2.5 font-medium">Automation</th> : null}
            <th scope="col" className="px-4 py-2.5 font-medium">Event</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Entity</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Duration</th>
            <th scope="col" className="px-4 py-2.5 font-medium"><span className="sr-only">Details</span></th>
          </tr>
        </thead>
        <tbody className="block divide-y divide-surface-line md:table-row-group">
          {runs.map((run) => (
            // The whole row opens the run (the Details link is stretched over it); the row's other
            // controls sit above that link, so they keep their own targets.
            <tr key={run.id} className="relative block cursor-pointer py-2 align-top hover:bg-surface-sunken/40 md:table-row md:py-0">
              <td className="block px-4 py-1 md:table-cell md:py-3 md:pr-0">
                {run.status === "failed" ? (
                  <input
                    type="checkbox"
                    aria-label={`Select the failed run of ${run.automationName ?? "an automation"} on ${run.entityId}`}
                    checked={selected.has(run.id)}
                    disabled={!hydrated}
                    onChange={(event) => onSelect(run.id, event.target.checked)}
                    className="relative z-10 mt-0.5 h-4 w-4 rounded border-surface-line"
                  />
                ) : null}
              </td>
              <td className="block md:whitespace-nowrap px-4 py-1 md:py-3 md:table-cell"><time dateTime={run.createdAt}>{formatRunTime(run.createdAt)}</time></td>
              <td className="block px-4 py-1 md:py-3 md:table-cell">
                <Badge tone={statusTone(run.status)}>{run.status}</Badge>
                {run.origin === "test" ? <> <Badge tone="info">test</Badge></> : null}
                {run.error ? <p className="mt-1 max-w-xs truncate text-xs text-danger" title={run.error}>{run.error}</p> : null}
                {run.reason ? <p className="mt-1 max-w-xs text-xs text-ink-muted">{run.reason}</p> : null}
              </td>
              {showAutomation ? (
                <td className="block px-4 py-1 md:py-3 md:table-cell">
                  <Link href={`/settings/automations/${run.automationId}/runs`} className="relative z-10 text-ink hover:text-brand-700 hover:underline">
                    {run.automationName ?? "(automation not visible)"}
                  </Link>
                  <span className="ml-1 text-xs text-ink-muted">v{run.automationVersion}</span>
                </td>
              ) : null}
              <td className="block px-4 py-1 md:py-3 font-mono text-xs md:table-cell">{run.eventType}</td>
              <td className="block px-4 py-1 md:py-3 md:table-cell">
                <Link href={entityHref(run.entityId)} className="relative z-10 font-mono text-xs text-ink hover:text-brand-700 hover:underline" title="Runs for this entity">
                  {run.entityId}
                </Link>
                {run.entityTitle ? <p className="text-xs text-ink">{run.entityTitle}</p> : null}
              </td>
              <td className="block md:whitespace-nowrap px-4 py-1 md:py-3 text-ink-muted md:table-cell">{formatDuration(run.durationMicros)}</td>
              <td className="block px-4 py-1 md:py-3 md:text-right md:table-cell">
                <Link
                  href={`/settings/logs/${run.id}`}
                  className="font-medium text-brand-700 after:absolute after:inset-0 after:content-[''] hover:underline"
                  aria-label={`Details: ${run.status} run of ${run.automationName ?? "an automation"} on ${run.entityId}, ${formatRunTime(run.createdAt)}`}
                >
                  Details
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
