// Workspace settings (admins): the number format the editor reads and writes.
import type { Metadata } from "next";
import { LocaleForm } from "@/components/workspaces/locale-form";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireAdmin } from "@/lib/auth/session";
import { getWorkspaceSettings } from "@/lib/workspaces/workspace-settings";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function WorkspaceSettingsPage() {
  const session = await requireAdmin();
  const { db } = await getDb();
  const settings = await getWorkspaceSettings(db, { claims: session.claims, workspaceId: session.workspace.id });
  return (
    <>
      <PageHeader title="Workspace settings" description={`Settings that apply to everyone in ${session.workspace.name}.`} />
      <Card className="p-5">
        <LocaleForm locale={settings.locale} />
      </Card>
    </>
  );
}
