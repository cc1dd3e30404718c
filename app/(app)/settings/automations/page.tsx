// The automations list: admins see the workspace's, members their own; `?q=` searches by name.
import type { Metadata } from "next";
import Link from "next/link";
import { AutomationList } from "@/components/automations/automation-list";
import { AutomationSearch } from "@/components/automations/automation-search";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { IgnoredFiltersNotice } from "@/components/ui/ignored-filters-notice";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { listAutomations } from "@/lib/automations/list-automations";
import { readAutomationSearch } from "@/lib/automations/search-query";
import { formatInZone, nextSweepAt } from "@/lib/scheduler/next-check";
import { getWorkspaceTimeZone } from "@/lib/workspaces/time-zone";

export const metadata: Metadata = { title: "Automations" };

export default async function AutomationsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const session = await requireSession();
  const { q } = await searchParams;
  const { query, ignored } = readAutomationSearch(q);
  const { db } = await getDb();
  const automations = await listAutomations(db, { claims: session.claims, workspaceId: session.workspace.id, query });
  const isAdmin = session.workspace.role === "admin";
  const nextCheck = formatInZone(await nextSweepAt(db, new Date()), await getWorkspaceTimeZone(db, session.workspace.id));
  const showSearch = automations.length > 0 || query !== "";
  return (
    <>
      <PageHeader
        title="Automations"
        description={
          isAdmin
            ? `Every automation in ${session.workspace.name}, whoever owns it.`
            : "Your automations. Admins of the workspace can see and manage them too."
        }
        actions={
          <>
            <Link href="/settings/automations/templates" className={buttonClass("secondary")}>
              Templates
            </Link>
            <Link href="/settings/automations/transfer" className={buttonClass("secondary")}>
              Export / import
            </Link>
            <Link href="/settings/automations/new" className={buttonClass("primary")}>
              New automation
            </Link>
          </>
        }
      />
      <IgnoredFiltersNotice ignored={ignored} />
      {showSearch ? <AutomationSearch query={query} /> : null}
      <AutomationList automations={automations} currentUserId={session.user.id} query={query} nextCheck={nextCheck} />
    </>
  );
}
