// The automations table (a server component): each row in words, with its selection box, switch,
// owner, last run, a small chart of its runs over 30 days, failures of the last 7 days, last change
// and row actions. Summaries come from lib/automations/summaries, the same words the logs use.

import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import type { AutomationListRow } from "@/lib/automations/list-automations-page";
import type { FieldCatalog } from "@/lib/automations/field-catalog";
import { summarizeActions, summarizeConditions } from "@/lib/automations/summaries";
import { describeTrigger, getTrigger } from "@/lib/automations/triggers";
import type { ConditionGroup } from "@/lib/automations/conditions";
import type { HealthSummary } from "@/lib/runs/automation-health";
import { HealthSparkline } from "@/components/runs/health-chart";
import { ActiveToggle } from "./active-toggle";
import { BULK_FORM_ID } from "./bulk-actions";
import { DeleteAutomationButton } from "./delete-automation-button";
import { DuplicateAutomationButton } from "./duplicate-automation-button";
import { ReactivateButton } from "./reactivate-button";
import { UpdatedAt } from "./updated-at";
import { removedMemberProblem } from "@/lib/automations/removed-member";

/** `nextCheck`: when the scheduler next sweeps, in words, shown on active time-based automations. */
/** `health`: each row's runs per day over the last 30 days (lib/runs/automation-health.ts), for the small chart. */
type Props = {
  automations: AutomationListRow[];
  currentUserId: string;
  query: string;
  highlightId?: string;
  filtered?: boolean;
  nextCheck?: string;
  health?: Map<string, HealthSummary>;
  catalog?: FieldCatalog;
};

export function AutomationList({ automations, currentUserId, query, highlightId, filtered = Boolean(query), nextCheck, health, catalog }: Props) {
  if (automations.length === 0) return filtered ? <NoMatches query={query} /> : <FirstAutomation />;
  return (
    <Card className="overflow-x-auto">
      <table className="block w-full text-left text-sm md:table">
        <caption className="sr-only">Automations{query ? ` matching “${query}”` : ""}</caption>
        <thead className="hidden border-b border-surface-line bg-surface-sunken/60 text-xs uppercase tracking-wide text-ink-muted md:table-header-group">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium"><span className="sr-only">Select</span></th>
            <th scope="col" className="px-4 py-2.5 font-medium">Active</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Automation</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Owner</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Last run</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Runs (30 d)</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Failures (7 d)</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Last updated</th>
            <th scope="col" className="px-4 py-2.5 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="block divide-y divide-surface-line md:table-row-group">
          {automations.map((automation) => (
            <Row
              key={automation.id}
              automation={automation}
              isYours={automation.ownerId === currentUserId}
              query={query}
              highlighted={automation.id === highlightId}
              nextCheck={nextCheck}
              health={health?.get(automation.id)}
              catalog={catalog}
            />
          ))}
        </tbody>
      </table>
    </Card>
  );
}

type RowProps = { automation: AutomationListRow; isYours: boolean; query: string; highlighted: boolean; nextCheck?: string; health?: HealthSummary; catalog?: FieldCatalog };

function Row({ automation, isYours, query, highlighted, nextCheck, health, catalog }: RowProps) {
  const timeBased = getTrigger(String((automation.trigger as { type?: unknown } | null)?.type))?.timeBased ?? false;
  const href = `/settings/automations/${automation.id}`;
  const actions = Array.isArray(automation.actions) ? automation.actions : [];
  return (
    <tr aria-current={highlighted ? "true" : undefined} className={`block py-2 align-top md:table-row md:py-0 ${highlighted ? "bg-brand-50 outline-2 -outline-offset-2 outline-brand-500" : "hover:bg-surface-sunken/40"}`}>
      <td className="block px-4 py-1 md:table-cell md:py-4">
        <input
          type="checkbox"
          name="ids"
          value={automation.id}
          form={BULK_FORM_ID}
          data-name={automation.name}
          aria-label={`Select ${automation.name}`}
          className="h-4 w-4 accent-brand-600"
        />
      </td>
      <td className="block px-4 py-1 md:table-cell md:py-4">
        <ActiveToggle id={automation.id} isActive={automation.isActive} label={`${automation.name} active`} />
      </td>
      <td className="block max-w-xl px-4 py-1 md:table-cell md:py-4">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={href} className="font-medium text-ink hover:text-brand-700 hover:underline">
            {automation.name}
          </Link>
          {automation.disabledReason && !automation.isActive ? <Badge tone="danger">Stopped after failures</Badge> : null}
          {automation.removedMember ? <Badge tone="danger">Names a removed member</Badge> : null}
        </div>
        {automation.removedMember ? <p className="mt-1 max-w-md text-xs text-danger">{removedMemberProblem(automation.removedMember)}</p> : null}
        {automation.disabledReason && !automation.isActive ? (
          <div className="mt-1 flex flex-wrap items-start gap-2">
            <p className="max-w-md text-xs text-danger">{automation.disabledReason}</p>
            <ReactivateButton id={automation.id} name={automation.name} />
          </div>
        ) : null}
        <p className="mt-1 text-ink">{describeTrigger(automation.trigger, catalog)}</p>
        {timeBased && automation.isActive && nextCheck ? <p className="mt-0.5 text-xs text-ink-muted">Next check: {nextCheck}</p> : null}
        <p className="mt-0.5 text-ink-muted">
          <span className="font-medium text-ink">If</span> {summarizeConditions(automation.conditions as ConditionGroup | null, catalog)}
          <span className="mx-1.5 text-ink-faint" aria-hidden>·</span>
          <span className="font-medium text-ink">Then</span> {summarizeActions(actions)}
        </p>
      </td>
      <td className="block px-4 py-1 text-ink-muted md:table-cell md:py-4">
        <span className="font-medium text-ink md:hidden">Owner: </span>
        {automation.ownerEmail ?? "Unknown"}
        {isYours ? <span className="ml-1.5"><Badge tone="info">you</Badge></span> : null}
      </td>
      <td className="block px-4 py-1 text-ink-muted md:table-cell md:whitespace-nowrap md:py-4">
        <span className="font-medium text-ink md:hidden">Last run: </span>
        {automation.lastRunAt ? (
          <Link href={`${href}/runs`} className="hover:underline">
            {/* The visible time starts the link's name (a name that hides it fails label-content-name-mismatch). */}
            <UpdatedAt date={automation.lastRunAt} />
            <span className="sr-only">: runs of {automation.name}</span>
          </Link>
        ) : (
          "Never"
        )}
      </td>
      <td className="block px-4 py-1 md:table-cell md:py-4">
        <span className="font-medium text-ink md:hidden">Runs (30 d): </span>
        {health ? <HealthSparkline health={health} name={automation.name} /> : <span className="text-ink-muted">—</span>}
      </td>
      <td className="block px-4 py-1 md:table-cell md:whitespace-nowrap md:py-4">
        <span className="font-medium text-ink md:hidden">Failures (7 d): </span>
        {automation.failures7d > 0 ? (
          <Link href={`${href}/runs?status=failed`} className="font-medium text-danger hover:underline" aria-label={`${automation.failures7d} failed runs of ${automation.name} in the last 7 days`}>
            {automation.failures7d}
          </Link>
        ) : (
          <span className="text-ink-muted">0</span>
        )}
      </td>
      <td className="block px-4 py-1 text-ink-muted md:table-cell md:whitespace-nowrap md:py-4">
        <span className="font-medium text-ink md:hidden">Updated: </span>
        <UpdatedAt date={automation.updatedAt} />
      </td>
      <td className="block px-4 py-1 md:table-cell md:py-4">
        <div className="flex flex-wrap items-start gap-1 md:justify-end">
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
      <p className="text-sm text-ink">{query ? `No automations match “${query}”.` : "No automations match these filters."}</p>
      <Link href="/settings/automations" className={buttonClass("secondary", "mt-4")}>
        Clear search and filters
      </Link>
    </Card>
  );
}
