// One automation: its state and history at a glance (switch, version, last change, owner), the
// row actions, and the edit form. Missing, foreign or someone else's (for members) → not found.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActiveToggle } from "@/components/automations/active-toggle";
import { AutomationForm } from "@/components/automations/automation-form";
import { AutomationSummary } from "@/components/automations/automation-summary";
import { buttonClass } from "@/components/ui/button";
import { DeleteAutomationButton } from "@/components/automations/delete-automation-button";
import { DuplicateAutomationButton } from "@/components/automations/duplicate-automation-button";
import { ReactivateButton } from "@/components/automations/reactivate-button";
import { toFormValues } from "@/components/automations/form-defaults";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { getAutomation } from "@/lib/automations/get-automation";
import { listVersions } from "@/lib/automations/list-versions";
import { getAutomationHealth } from "@/lib/runs/automation-health";
import { HealthPanel } from "@/components/runs/health-chart";
import { VersionsPanel } from "@/components/automations/versions-panel";
import { SaveAsTemplateButton } from "@/components/templates/save-as-template-button";
import { listAssignableMembers } from "@/lib/automations/list-assignable-members";
import { getWorkspaceSettings } from "@/lib/workspaces/workspace-settings";
import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { AppError } from "@/lib/result";
import { removedMemberProblem } from "@/lib/automations/removed-member";
import { getNextCheck } from "@/lib/scheduler/next-check";
import { getWorkspaceTimeZone } from "@/lib/workspaces/time-zone";
import { MissedEventsPanel } from "@/components/automations/missed-events-panel";
import { countMissedRuns } from "@/lib/runs/missed-runs";

export const metadata: Metadata = { title: "Automation" };

export default async function AutomationPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  const { db } = await getDb();
  const scope = { claims: session.claims, workspaceId: session.workspace.id };
  const automation = await getAutomation(db, { ...scope, id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [members, settings, catalog] = await Promise.all([listAssignableMembers(db, scope), getWorkspaceSettings(db, scope), getFieldCatalog(db, session.workspace.id)]);
  const versions = await listVersions(db, { ...scope, automationId: automation.id });
  const timeZone = await getWorkspaceTimeZone(db, session.workspace.id);
  const health = await getAutomationHealth(db, session.claims, { workspaceId: session.workspace.id, automationId: automation.id, now: new Date(), timeZone });
  const nextCheck = await getNextCheck(db, { trigger: automation.trigger, timeZone, now: new Date() });
  const missed = await countMissedRuns(db, session.claims, { workspaceId: session.workspace.id, automationId: automation.id });

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/settings/automations" className="text-ink-muted hover:text-ink">
          ← Automations
        </Link>
      </nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-ink">{automation.name}</h1>
          {automation.description ? <p className="mt-1 text-sm text-ink-muted">{automation.description}</p> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/settings/automations/${automation.id}/runs`} className={buttonClass("secondary")}>
            Runs
          </Link>
          <a href={`/api/automations/export?id=${automation.id}`} className={buttonClass("secondary")} download>
            Export
          </a>
          {session.workspace.role === "admin" ? <SaveAsTemplateButton id={automation.id} name={automation.name} /> : null}
          <DuplicateAutomationButton id={automation.id} name={automation.name} />
          <DeleteAutomationButton id={automation.id} name={automation.name} />
        </div>
      </div>
      {automation.disabledReason && !automation.isActive ? (
        <section aria-label="Turned off after failures" className="mb-6 flex flex-wrap items-start justify-between gap-3 rounded-card border border-red-200 bg-red-50 px-4 py-3">
          <div className="text-sm">
            {/* The reason already says that it was turned off and why: said once. */}
            <p className="font-medium text-danger">{automation.disabledReason}</p>
            <Link href={`/settings/automations/${automation.id}/runs?status=failed`} className="mt-1 inline-block text-brand-700 hover:underline">See the failed runs</Link>
          </div>
          <ReactivateButton id={automation.id} name={automation.name} />
        </section>
      ) : null}
      <MissedEventsPanel id={automation.id} count={missed} isActive={automation.isActive} />
      {automation.removedMember ? (
        <section aria-label="Names a removed member" className="mb-6 rounded-card border border-red-200 bg-red-50 px-4 py-3 text-sm">
          <p className="font-medium text-danger">{removedMemberProblem(automation.removedMember)}</p>
          <p className="mt-1 text-ink">Choose someone else in the action below and save; until then its runs fail at that action.</p>
        </section>
      ) : null}
      <Card className="mb-6 p-5">
        <AutomationSummary automation={automation} isYours={automation.ownerId === session.user.id} nextCheck={nextCheck} catalog={catalog}>
          <ActiveToggle id={automation.id} isActive={automation.isActive} label="Active" showState />
        </AutomationSummary>
      </Card>
      <Card className="mb-6 p-5">
        <HealthPanel health={health} />
      </Card>
      <AutomationForm
        mode="edit"
        id={automation.id}
        version={automation.version}
        defaultValues={toFormValues(automation)}
        members={members}
        catalog={catalog.config}
        locale={settings.locale}
        sampleOwner={session.user.email}
      />
      <VersionsPanel automationId={automation.id} current={automation.version} versions={versions} />
    </>
  );
}
