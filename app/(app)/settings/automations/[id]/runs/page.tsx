// /settings/automations/[id]/runs: one automation's run history, with the same filters (minus the
// automation) held in the URL. An automation the user cannot see is not found.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NoRunsYet } from "@/components/runs/no-runs-yet";
import { RunFiltersForm } from "@/components/runs/run-filters-form";
import { RunHistory } from "@/components/runs/run-history";
import { IgnoredFiltersNotice } from "@/components/ui/ignored-filters-notice";
import { getDb } from "@/db/next";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { requireSession } from "@/lib/auth/session";
import { getAutomation } from "@/lib/automations/get-automation";
import { describeTrigger } from "@/lib/automations/triggers";
import { loadFirstRunPrompt } from "@/lib/runs/first-run-prompt";
import { loadRunPage } from "@/lib/runs/load-run-page";
import { hasRunFilters, readRunFilters } from "@/lib/runs/run-filters";
import { AppError } from "@/lib/result";

export const metadata: Metadata = { title: "Automation runs" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AutomationRunsPage({ params, searchParams }: Props) {
  const session = await requireSession();
  const { id } = await params;
  const { db } = await getDb();
  const automation = await getAutomation(db, { claims: session.claims, workspaceId: session.workspace.id, id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const parsed = readRunFilters(await searchParams);
  const filters = { ...parsed.filters, automationId: automation.id };
  const page = await loadRunPage(db, session, filters);
  const basePath = `/settings/automations/${automation.id}/runs`;
  // The automation is fixed by the path: only the other filters make an empty list "no match".
  const empty = page.runs.length === 0 && !filters.cursor && !hasRunFilters({ ...filters, automationId: undefined });
  const prompt = empty
    ? await loadFirstRunPrompt(db, { claims: session.claims, workspaceId: session.workspace.id, role: session.workspace.role, automations: [automation], now: new Date() })
    : null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex gap-3 text-sm">
        <Link href={`/settings/automations/${automation.id}`} className="text-ink-muted hover:text-ink">← {automation.name}</Link>
        <Link href="/settings/logs" className="text-ink-muted hover:text-ink">All logs</Link>
      </nav>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-ink">Runs of {automation.name}</h1>
        <p className="mt-1 text-sm text-ink-muted">{describeTrigger(automation.trigger, await getFieldCatalog(db, session.workspace.id))} · now at version {automation.version}</p>
      </div>
      <IgnoredFiltersNotice ignored={parsed.ignored} />
      <RunFiltersForm filters={filters} basePath={basePath} />
      <RunHistory initialPage={page} filters={filters} basePath={basePath} fixedAutomationId={automation.id} noRunsYet={prompt ? <NoRunsYet prompt={prompt} scope="automation" /> : undefined} />
    </>
  );
}
