// /settings/logs: the workspace's run history (admins: every run; members: their automations' runs,
// as row-level security decides). Filters and the page position live in the URL.
import type { Metadata } from "next";
import { RunFiltersForm } from "@/components/runs/run-filters-form";
import { RunHistory } from "@/components/runs/run-history";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { listAutomations } from "@/lib/automations/list-automations";
import { loadRunPage } from "@/lib/runs/load-run-page";
import { parseRunFilters } from "@/lib/runs/run-filters";

export const metadata: Metadata = { title: "Logs" };

export default async function LogsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const filters = parseRunFilters(await searchParams);
  const { db } = await getDb();
  const scope = { claims: session.claims, workspaceId: session.workspace.id };
  const [page, automations] = await Promise.all([loadRunPage(db, session, filters), listAutomations(db, scope)]);
  const isAdmin = session.workspace.role === "admin";
  return (
    <>
      <PageHeader
        title="Logs"
        description={isAdmin ? `Every automation run in ${session.workspace.name}: what triggered it, why it ran or not, and what it did.` : "The runs of your automations: what triggered them, why they ran or not, and what they did."}
      />
      <RunFiltersForm filters={filters} basePath="/settings/logs" automations={automations.map(({ id, name, ownerEmail }) => ({ id, name, ownerEmail }))} />
      <RunHistory initialPage={page} filters={filters} basePath="/settings/logs" />
    </>
  );
}
