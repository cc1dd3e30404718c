// Create an automation.
import type { Metadata } from "next";
import Link from "next/link";
import { AutomationForm } from "@/components/automations/automation-form";
import { newAutomationValues } from "@/components/automations/form-defaults";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { listAssignableMembers } from "@/lib/automations/list-assignable-members";
import { getWorkspaceSettings } from "@/lib/workspaces/workspace-settings";

export const metadata: Metadata = { title: "New automation" };

export default async function NewAutomationPage() {
  const session = await requireSession();
  const { db } = await getDb();
  const scope = { claims: session.claims, workspaceId: session.workspace.id };
  const [members, settings] = await Promise.all([listAssignableMembers(db, scope), getWorkspaceSettings(db, scope)]);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/settings/automations" className="text-ink-muted hover:text-ink">
          ← Automations
        </Link>
      </nav>
      <PageHeader title="New automation" description="When something happens in the CRM, and it matches your conditions, do these actions." />
      <AutomationForm mode="create" locale={settings.locale} defaultValues={newAutomationValues()} members={members} sampleOwner={session.user.email} />
    </>
  );
}
