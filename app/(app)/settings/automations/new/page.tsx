// Create an automation, from scratch or from a template (?template=<built-in id> or
// ?workspaceTemplate=<id>): the editor opens pre-filled, with what is still to choose highlighted.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutomationForm } from "@/components/automations/automation-form";
import { definitionToFormValues, newAutomationValues } from "@/components/automations/form-defaults";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { listAssignableMembers } from "@/lib/automations/list-assignable-members";
import { loadTemplateForEditor } from "@/lib/templates/load-template";
import { getWorkspaceSettings } from "@/lib/workspaces/workspace-settings";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";

export const metadata: Metadata = { title: "New automation" };

export default async function NewAutomationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireSession();
  const { db } = await getDb();
  const scope = { claims: session.claims, workspaceId: session.workspace.id };
  const query = await searchParams;
  const [members, settings, catalog] = await Promise.all([listAssignableMembers(db, scope), getWorkspaceSettings(db, scope), getFieldCatalog(db, session.workspace.id)]);
  const template = await loadTemplateForEditor(db, scope, { template: query.template, workspaceTemplate: query.workspaceTemplate }, catalog);
  if (template === "not_found") notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={template ? "/settings/automations/templates" : "/settings/automations"} className="text-ink-muted hover:text-ink">
          {template ? "← Templates" : "← Automations"}
        </Link>
      </nav>
      <PageHeader
        title={template ? `New automation from “${template.name}”` : "New automation"}
        description={
          template
            ? template.blanks.length > 0
              ? `Still to choose: ${template.blanks.map((b) => b.label).join(", ")}. Nothing is saved until you create it.`
              : "Review it, then create it. Nothing is saved until you do."
            : "When something happens in the CRM, and it matches your conditions, do these actions."
        }
        actions={template ? null : <Link href="/settings/automations/templates" className="text-sm text-brand-700 hover:underline">Start from a template</Link>}
      />
      <AutomationForm
        mode="create"
        locale={settings.locale}
        defaultValues={template ? (template.values ?? definitionToFormValues(template.definition!)) : newAutomationValues()}
        blanks={template?.blanks}
        members={members}
        catalog={catalog.config}
        sampleOwner={session.user.email}
      />
    </>
  );
}
