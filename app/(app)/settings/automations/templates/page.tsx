// The template gallery: built-in templates grouped by goal, and the workspace's own templates.
import type { Metadata } from "next";
import Link from "next/link";
import { TemplateCard } from "@/components/templates/template-card";
import { DeleteTemplateButton } from "@/components/templates/delete-template-button";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { requireSession } from "@/lib/auth/session";
import { summarizeActions } from "@/lib/automations/summaries";
import { describeTrigger } from "@/lib/automations/triggers";
import { BUILTIN_TEMPLATES, TEMPLATE_GOALS, type TemplateGoal } from "@/lib/templates/builtin-templates";
import { listWorkspaceTemplates } from "@/lib/templates/workspace-templates";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const session = await requireSession();
  const { db } = await getDb();
  const saved = await listWorkspaceTemplates(db, { claims: session.claims, workspaceId: session.workspace.id });
  const catalog = await getFieldCatalog(db, session.workspace.id);
  const isAdmin = session.workspace.role === "admin";
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/settings/automations" className="text-ink-muted hover:text-ink">← Automations</Link>
      </nav>
      <PageHeader title="Templates" description="Start from a proven rule: the editor opens pre-filled, and nothing is saved until you create it." />
      {saved.length > 0 ? (
        <section aria-labelledby="goal-workspace" className="mb-8">
          <h2 id="goal-workspace" className="mb-3 text-lg font-semibold text-ink">Your workspace&apos;s templates</h2>
          <ul className="grid gap-3 md:grid-cols-2">
            {saved.map((t) => (
              <TemplateCard
                key={t.id}
                name={t.name}
                description={t.description ?? `${describeTrigger(t.definition.trigger, catalog)}: ${summarizeActions(t.definition.actions).toLowerCase()}.`}
                needs={[]}
                href={`/settings/automations/new?workspaceTemplate=${t.id}`}
                extra={isAdmin ? <DeleteTemplateButton id={t.id} name={t.name} /> : null}
              />
            ))}
          </ul>
        </section>
      ) : null}
      {(Object.keys(TEMPLATE_GOALS) as TemplateGoal[]).map((goal) => (
        <section key={goal} aria-labelledby={`goal-${goal}`} className="mb-8">
          <h2 id={`goal-${goal}`} className="mb-3 text-lg font-semibold text-ink">{TEMPLATE_GOALS[goal]}</h2>
          <ul className="grid gap-3 md:grid-cols-2">
            {BUILTIN_TEMPLATES.filter((t) => t.goal === goal).map((t) => (
              <TemplateCard key={t.id} name={t.name} description={t.description} needs={t.needs} href={`/settings/automations/new?template=${t.id}`} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
