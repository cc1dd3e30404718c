// The automation version a run used. Automations keep only their current definition, so the
// definition is shown when the run used it, and otherwise the run says it has changed since.

import Link from "next/link";
import type { ConditionGroup } from "@/lib/automations/conditions";
import { describeAction, summarizeConditions } from "@/lib/automations/summaries";
import { describeTrigger } from "@/lib/automations/triggers";
import type { RunDetail } from "@/lib/runs/get-run-detail";

export function RunVersion({ detail }: { detail: RunDetail }) {
  const { run, automation } = detail;
  if (!automation) {
    return <p className="text-sm text-ink-muted">Version {run.automationVersion} ran. The automation itself is not visible to you.</p>;
  }
  const current = automation.version === run.automationVersion;
  return (
    <div className="space-y-2 text-sm">
      <p>
        Version {run.automationVersion} of <Link href={`/settings/automations/${automation.id}`} className="font-medium text-brand-700 hover:underline">{automation.name}</Link> ran
        {current ? ", which is the current version." : `. It has been edited since and is now at version ${automation.version}.`}{" "}
        <Link href={`/settings/automations/${automation.id}/runs`} className="text-brand-700 hover:underline">All runs of this automation</Link>
      </p>
      {current ? (
        <ul className="space-y-1 rounded-md bg-surface-sunken px-3 py-2 text-ink">
          <li><span className="font-medium text-ink-faint">When</span> {describeTrigger(automation.trigger).replace(/^When /, "")}</li>
          <li><span className="font-medium text-ink-faint">If</span> {summarizeConditions(automation.conditions as ConditionGroup | null)}</li>
          {(Array.isArray(automation.actions) ? automation.actions : []).map((action, index) => (
            <li key={index}><span className="font-medium text-ink-faint">Then {index + 1}.</span> {describeAction(action)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
