// Export automations (all, or a selection) as a JSON document, and import one with a preview.
import type { Metadata } from "next";
import Link from "next/link";
import { ImportPanel } from "@/components/transfer/import-panel";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { listAutomations } from "@/lib/automations/list-automations";

export const metadata: Metadata = { title: "Export and import" };

export default async function TransferPage() {
  const session = await requireSession();
  const { db } = await getDb();
  const automations = await listAutomations(db, { claims: session.claims, workspaceId: session.workspace.id });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/settings/automations" className="text-ink-muted hover:text-ink">← Automations</Link>
      </nav>
      <PageHeader title="Export and import" description="Move automations between workspaces as a JSON file. Webhook header values are never exported." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold text-ink">Export</h2>
          {automations.length === 0 ? (
            <p className="text-sm text-ink-muted">No automations to export yet.</p>
          ) : (
            <form method="get" action="/api/automations/export" className="space-y-3">
              <a href="/api/automations/export" className={buttonClass("primary")} download>
                Export all ({automations.length})
              </a>
              <fieldset className="space-y-1">
                <legend className="mb-1 text-sm text-ink-muted">Or choose which:</legend>
                {automations.map((a) => (
                  <label key={a.id} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="id" value={a.id} /> {a.name}
                  </label>
                ))}
              </fieldset>
              <button type="submit" className={buttonClass("secondary")}>Export selected</button>
            </form>
          )}
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold text-ink">Import</h2>
          <ImportPanel />
        </Card>
      </div>
    </>
  );
}
