// The detail page's overview: the automation in words (the same sentences the list and logs use)
// and its state: on/off (the switch is passed in), version, last change, owner, why it was stopped.

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/card";
import type { ConditionGroup } from "@/lib/automations/conditions";
import type { FieldCatalog } from "@/lib/automations/field-catalog";
import type { AutomationRecord } from "@/lib/automations/scope";
import { describeAction, summarizeConditions } from "@/lib/automations/summaries";
import { describeTrigger, triggerEntity } from "@/lib/automations/triggers";
import { formatInZone, type NextCheck } from "@/lib/scheduler/next-check";
import { UpdatedAt } from "./updated-at";

type Props = { automation: AutomationRecord; isYours: boolean; children: ReactNode; nextCheck?: NextCheck | null; catalog?: FieldCatalog };

export function AutomationSummary({ automation, isYours, children, nextCheck, catalog }: Props) {
  const actions = Array.isArray(automation.actions) ? automation.actions : [];
  return (
    <section aria-label="Summary" className="grid gap-6 md:grid-cols-[1fr_16rem]">
      <div className="space-y-3 text-sm">
        <Sentence label="When">{describeTrigger(automation.trigger, catalog)}</Sentence>
        <Sentence label="If">{summarizeConditions(automation.conditions as ConditionGroup | null, catalog)}</Sentence>
        <Sentence label="Then">
          <ol className="list-inside list-decimal space-y-0.5">
            {actions.map((action, index) => (
              <li key={index}>{describeAction(action, triggerEntity(automation.trigger))}</li>
            ))}
          </ol>
        </Sentence>
      </div>
      <dl className="grid grid-cols-[auto_1fr] content-start gap-x-4 gap-y-2 border-surface-line text-sm md:border-l md:pl-6">
        <dt className="text-ink-muted">Status</dt>
        <dd>{children}</dd>
        {nextCheck ? (
          <>
            <dt className="text-ink-muted">Next check</dt>
            <dd className="text-ink">{automation.isActive ? formatInZone(nextCheck.nextCheck, nextCheck.timeZone) : "None while it is off"}</dd>
            {nextCheck.nextOccurrence && automation.isActive ? (
              <>
                <dt className="text-ink-muted">Next run</dt>
                <dd className="text-ink">{formatInZone(nextCheck.nextOccurrence, nextCheck.timeZone)}</dd>
              </>
            ) : null}
          </>
        ) : null}
        <dt className="text-ink-muted">Version</dt>
        <dd className="font-medium text-ink">Version {automation.version}</dd>
        <dt className="text-ink-muted">Last updated</dt>
        <dd className="text-ink">
          <UpdatedAt date={automation.updatedAt} />
        </dd>
        <dt className="text-ink-muted">Owner</dt>
        <dd className="break-all text-ink">
          {automation.ownerEmail ?? "Unknown"} {isYours ? <Badge tone="info">you</Badge> : null}
        </dd>
      </dl>
    </section>
  );
}

function Sentence({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-3">
      <span className="w-10 shrink-0 pt-px text-xs font-semibold uppercase tracking-wide text-brand-600">{label}</span>
      <div className="min-w-0 text-ink">{children}</div>
    </div>
  );
}
