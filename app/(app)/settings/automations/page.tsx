// The automations list: admins see the workspace's, members their own; search, filters, sort and
// page live in the URL (lib/automations/list-automations-page.ts reads them).
import type { Metadata } from "next";
import Link from "next/link";
import { AutomationList } from "@/components/automations/automation-list";
import { AutomationSearch } from "@/components/automations/automation-search";
import { BulkActions } from "@/components/automations/bulk-actions";
import { CreatedNotice } from "@/components/automations/created-notice";
import { ListPagination } from "@/components/automations/list-pagination";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { IgnoredFiltersNotice } from "@/components/ui/ignored-filters-notice";
import { getDb } from "@/db/next";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { requireSession } from "@/lib/auth/session";
import { listAssignableMembers } from "@/lib/automations/list-assignable-members";
import { automationListQuerySchema, listAutomationsPage } from "@/lib/automations/list-automations-page";
import { readAutomationSearch } from "@/lib/automations/search-query";
import { TRIGGERS } from "@/lib/automations/triggers";
import { formatInZone, nextSweepAt } from "@/lib/scheduler/next-check";
import { getHealthSummaries } from "@/lib/runs/automation-health";
import { getWorkspaceTimeZone } from "@/lib/workspaces/time-zone";

export const metadata: Metadata = { title: "Automations" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AutomationsPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requireSession();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  // A search the database cannot take (a NUL, an unpaired surrogate) is dropped and named.
  const search = readAutomationSearch(raw.q);
  const query = automationListQuerySchema.parse({ ...raw, q: search.query });
  const ignored = search.ignored;
  const createdId = raw.created;
  const { db } = await getDb();
  const scope = { claims: session.claims, workspaceId: session.workspace.id };
  const isAdmin = session.workspace.role === "admin";
  const [list, members, catalog] = await Promise.all([
    listAutomationsPage(db, { ...scope, query }),
    isAdmin ? listAssignableMembers(db, scope) : Promise.resolve([]),
    getFieldCatalog(db, session.workspace.id),
  ]);
  const timeZone = await getWorkspaceTimeZone(db, session.workspace.id);
  const nextCheck = formatInZone(await nextSweepAt(db, new Date()), timeZone);
  const health = await getHealthSummaries(db, session.claims, { workspaceId: session.workspace.id, automationIds: list.rows.map((row) => row.id), now: new Date(), timeZone });
  const filtered = query.q !== "" || Boolean(query.status || query.trigger || query.owner);
  const showControls = list.total > 0 || filtered;
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
      <CreatedNotice automation={list.rows.find((automation) => automation.id === createdId)} />
      {showControls ? (
        <AutomationSearch
          query={query.q}
          options={{
            triggers: TRIGGERS.map((trigger) => ({ value: trigger.type, label: trigger.label })),
            owners: isAdmin ? members.map((member) => ({ value: member.userId, label: member.email })) : undefined,
          }}
        />
      ) : null}
      {list.total > 0 ? (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-ink-muted" aria-live="polite">
            {list.total === 1 ? "1 automation" : `${list.total} automations`}
            {filtered ? (list.total === 1 ? " matches" : " match") : ""}
          </p>
          <BulkActions />
        </div>
      ) : null}
      <AutomationList automations={list.rows} currentUserId={session.user.id} query={query.q} highlightId={createdId} filtered={filtered} nextCheck={nextCheck} health={health} catalog={catalog} />
      <ListPagination page={list.page} pageCount={list.pageCount} total={list.total} params={raw} />
    </>
  );
}
