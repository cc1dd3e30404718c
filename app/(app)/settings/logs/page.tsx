// /settings/logs: the workspace's run history (admins: every run; members: their automations' runs,
// as row-level security decides). Filters and the page position live in the URL.
import type { Metadata } from "next";
import { NoRunsYet } from "@/components/runs/no-runs-yet";
import { RunFiltersForm } from "@/components/runs/run-filters-form";
import { RunHistory } from "@/components/runs/run-history";
import { PageHeader } from "@/components/ui/card";
import { IgnoredFiltersNotice } from "@/components/ui/ignored-filters-notice";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { listAutomations } from "@/lib/automations/list-automations";
import { loadFirstRunPrompt } from "@/lib/runs/first-run-prompt";
import { loadRunPage } from "@/lib/runs/load-run-page";
import { hasRunFilters, readRunFilters } from "@/lib/runs/run-filters";

export const metadata: Metadata = { title: "Logs" };

export default async function LogsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const { filters, ignored } = readRunFilters(await searchParams);
  const { db } = await getDb();
  const scope = { claims: session.claims, workspaceId: session.workspace.id };
  const [page, automations] = await Promise.all([loadRunPage(db, session, filters), listAutomations(db, scope)]);
  const isAdmin = session.workspace.role === "admin";
  const empty = page.runs.length === 0 && !filters.cursor && !hasRunFilters(filters);
  const prompt = empty ? await loadFirstRunPrompt(db, { ...scope, role: session.workspace.role, automations, now: new Date() }) : null;
  return (
    <>
      <PageHeader
        title="Logs"
        description={isAdmin ? `Every automation run in ${session.workspace.name}: what triggered it, why it ran or not, and what it did.` : "The runs of your automations: what triggered them, why they ran or not, and what they did."}
      />
      <IgnoredFiltersNotice ignored={ignored} />
      <RunFiltersForm filters={filters} basePath="/settings/logs" automations={automations.map(({ id, name, ownerEmail }) => ({ id, name, ownerEmail }))} />
      <RunHistory initialPage={page} filters={filters} basePath="/settings/logs" noRunsYet={prompt ? <NoRunsYet prompt={prompt} scope="workspace" /> : undefined} />
    </>
  );
}
