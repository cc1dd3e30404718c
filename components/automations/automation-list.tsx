// The automations table (a server component): each row in words, with its switch, owner, last
// change and row actions. Summaries come from lib/automations/summaries, the same words the logs use.

import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import type { AutomationRecord } from "@/lib/automations/scope";
import { summarizeActions, summarizeConditions } from "@/lib/automations/summaries";
import { describeTrigger, getTrigger } from "@/lib/automations/triggers";
import type { ConditionGroup } from "@/lib/automations/conditions";
import { ActiveToggle } from "./active-toggle";
import { DeleteAutomationButton } from "./delete-automation-button";
import { DuplicateAutomationButton } from "./duplicate-automation-button";
import { ReactivateButton } from "./reactivate-button";
import { UpdatedAt } from "./updated-at";

/** `nextCheck`: when the scheduler next sweeps, in words, shown on active time-based automations. */
type Props = { automations: AutomationRecord[]; currentUserId: string; query: string; nextCheck?: string };

export function AutomationList({ automations, currentUserId, query, nextCheck }: Props) {
  if (automations.length === 0) return query ? <NoMatches query={query} /> : <FirstAutomation />;
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Automations{query ? ` matching “${query}”` : ""}</caption>
        <thead className="border-b border-surface-line bg-surface-sunken/60 text-xs uppercase tracking-wide text-ink-muted">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">Active</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Automation</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Owner</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Last updated</th>
            <th scope="col" className="px-4 py-2.5 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-surface-line">
          {automations.map((automation) => (
            <Row key={automation.id} automation={automation} isYours={automation.ownerId === currentUserId} query={query} nextCheck={nextCheck} />
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function Row({ automation, isYours, query, nextCheck }: { automation: AutomationRecord; isYours: boolean; query: string; nextCheck?: string }) {
  const timeBased = getTrigger(String((automation.trigger as { type?: unknown } | null)?.type))?.timeBased ?? false;
  const href = `/settings/automations/${automation.id}`;
  const actions = Array.isArray(automation.actions) ? automation.actions : [];
  return (
    <tr className="align-top hover:bg-surface-sunken/40">
      <td className="px-4 py-4">
        <ActiveToggle id={automation.id} isActive={automation.isActive} label={`${automation.name} active`} />
      </td>
      <td className="max-w-xl px-4 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={href} className="font-medium text-ink hover:text-brand-700 hover:underline">
            {automation.name}
          </Link>
          {automation.disabledReason && !automation.isActive ? <Badge tone="danger">Stopped after failures</Badge> : null}
        </div>
        {automation.disabledReason && !automation.isActive ? (
          <div className="mt-1 flex flex-wrap items-start gap-2">
            <p className="max-w-md text-xs text-danger">{automation.disabledReason}</p>
            <ReactivateButton id={automation.id} name={automation.name} />
          </div>
        ) : null}
        <p className="mt-1 text-ink">{describeTrigger(automation.trigger)}</p>
        {timeBased && automation.isActive && nextCheck ? <p className="mt-0.5 text-xs text-ink-muted">Next check: {nextCheck}</p> : null}
        <p className="mt-0.5 text-ink-muted">
          <span className="font-medium text-ink-faint">If</span> {summarizeConditions(automation.conditions as ConditionGroup | null)}
          <span className="mx-1.5 text-ink-faint" aria-hidden>·</span>
          <span className="font-medium text-ink-faint">Then</span> {summarizeActions(actions)}
        </p>
      </td>
      <td className="px-4 py-4 text-ink-muted">
        {automation.ownerEmail ?? "Unknown"}
        {isYours ? <span className="ml-1.5"><Badge tone="info">you</Badge></span> : null}
      </td>
      <td className="whitespace-nowrap px-4 py-4 text-ink-muted">
        <UpdatedAt date={automation.updatedAt} />
      </td>
      <td className="px-4 py-4">
        <div className="flex items-start justify-end gap-1">
          <Link href={href} className={buttonClass("ghost")} aria-label={`Edit ${automation.name}`}>
            Edit
          </Link>
          <DuplicateAutomationButton id={automation.id} name={automation.name} compact />
          <DeleteAutomationButton id={automation.id} name={automation.name} query={query} compact />
        </div>
      </td>
    </tr>
  );
}

function FirstAutomation() {
  return (
    <Card className="px-6 py-14 text-center">
      <div aria-hidden className="mx-auto mb-4 grid h-12 w-12 place-items-center rounded-full bg-brand-50 text-2xl">⚡</div>
      <h2 className="text-lg font-semibold text-ink">No automations yet</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-ink-muted">
        Let the CRM do the follow-ups: when a deal moves to Negotiation, create a call for its owner and let them know.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Link href="/settings/automations/templates" className={buttonClass("primary")}>
          Start from a template
        </Link>
        <Link href="/settings/automations/new" className={buttonClass("secondary")}>
          Create your first automation
        </Link>
      </div>
    </Card>
  );
}

function NoMatches({ query }: { query: string }) {
  return (
    <Card className="px-6 py-10 text-center">
      <p className="text-sm text-ink">No automations match “{query}”.</p>
      <Link href="/settings/automations" className={buttonClass("secondary", "mt-4")}>
        Clear search
      </Link>
    </Card>
  );
}
