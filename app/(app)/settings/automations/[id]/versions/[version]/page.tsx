// One version of an automation: its definition then, what differs from the current one, restore.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DefinitionView } from "@/components/automations/definition-view";
import { RestoreVersionButton } from "@/components/automations/restore-version-button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { requireSession } from "@/lib/auth/session";
import { definitionOf } from "@/lib/automations/definition";
import { getAutomation } from "@/lib/automations/get-automation";
import { getVersion } from "@/lib/automations/list-versions";
import { summarizeChange } from "@/lib/automations/summarize-change";

export const metadata: Metadata = { title: "Automation version" };

export default async function VersionPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  const session = await requireSession();
  const { id, version: rawVersion } = await params;
  const version = /^\d{1,9}$/.test(rawVersion) ? Number(rawVersion) : NaN;
  const { db } = await getDb();
  const scope = { claims: session.claims, workspaceId: session.workspace.id };
  const old = await getVersion(db, { ...scope, automationId: id, version });
  if (!old) notFound();
  const current = await getAutomation(db, { ...scope, id }).catch(() => null);
  const catalog = await getFieldCatalog(db, session.workspace.id);
  const difference = current ? summarizeChange(old.definition, definitionOf(current), catalog) : "";
  const isCurrent = current?.version === version;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        {current ? (
          <Link href={`/settings/automations/${id}`} className="text-ink-muted hover:text-ink">← {current.name}</Link>
        ) : (
          <Link href="/settings/logs" className="text-ink-muted hover:text-ink">← Logs</Link>
        )}
      </nav>
      <PageHeader
        title={`Version ${version} of ${old.definition.name}`}
        description={`Saved ${old.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC by ${old.authorEmail ?? "someone no longer in the workspace"}. ${old.summary}`}
        actions={current && !isCurrent ? <RestoreVersionButton id={id} version={version} /> : null}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <Card className="p-4">
          <h2 className="mb-2 font-semibold text-ink">Version {version}{isCurrent ? " (current)" : ""}</h2>
          <DefinitionView definition={old.definition} label={`Version ${version}`} catalog={catalog} />
        </Card>
        {current && !isCurrent ? (
          <Card className="p-4">
            <h2 className="mb-2 font-semibold text-ink">Current (version {current.version})</h2>
            <DefinitionView definition={definitionOf(current)} label="Current version" catalog={catalog} />
          </Card>
        ) : null}
      </div>
      {current && !isCurrent ? (
        <section aria-label="Differences" className="mt-4 text-sm">
          <h2 className="font-semibold text-ink">From version {version} to the current version</h2>
          <p className="mt-1 text-ink">{difference || "The definitions are the same."}</p>
        </section>
      ) : null}
      {!current ? <p className="mt-4 text-sm text-ink-muted">This automation has been deleted; its versions stay readable from its runs.</p> : null}
    </>
  );
}
