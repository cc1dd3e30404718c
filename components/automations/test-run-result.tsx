// What a test run found: the verdict in one sentence, the trace tree the logs use, and the actions
// that would run with their text as it would be sent.

import { TraceTree } from "@/components/runs/trace-tree";
import type { FieldCatalog } from "@/lib/automations/field-catalog";
import type { TestRunOutcome } from "@/lib/runs/evaluate-test-run";
import { readTrace } from "@/lib/runs/trace-view";

const HEADLINES: Record<TestRunOutcome["verdict"], { text: string; tone: string }> = {
  would_run: { text: "Would run", tone: "text-success" },
  skipped: { text: "Would be skipped: the conditions are not met", tone: "text-ink" },
  not_triggered: { text: "Would not run: the trigger does not match this event", tone: "text-ink" },
  stopped: { text: "Would be stopped", tone: "text-warning" },
  failed: { text: "Would fail", tone: "text-danger" },
};

/** When the trigger did not match, the conditions were never the question: no verdict on them. */
function shownTrace(outcome: TestRunOutcome, catalog: FieldCatalog | undefined) {
  const trace = readTrace(outcome.trace, catalog);
  return outcome.verdict === "not_triggered" ? { ...trace, conditions: null } : trace;
}

export function TestRunResult({ outcome, catalog }: { outcome: TestRunOutcome; catalog?: FieldCatalog }) {
  const headline = HEADLINES[outcome.verdict];
  const { event } = outcome;
  return (
    <section aria-label="Test run result" className="space-y-4 rounded-md border border-surface-line bg-surface-sunken/40 p-4">
      <div>
        <p role="status" className={`text-base font-semibold ${headline.tone}`}>
          {headline.text}
          {outcome.verdict === "would_run" ? ` ${outcome.actions.length} ${outcome.actions.length === 1 ? "action" : "actions"}` : ""}
          {outcome.error ? `: ${outcome.error}` : ""}
        </p>
        <p className="text-xs text-ink-muted">
          Tested against {event.id ? "the event" : "the sample"} <span className="font-mono">{event.type}</span> on{" "}
          <span className="font-mono">{event.entityId}</span>. Nothing was saved or sent.
          {outcome.owner.ref ? (outcome.owner.email ? ` Owner: ${outcome.owner.email}.` : ` Owner “${outcome.owner.ref}” is not a member of this workspace.`) : ""}
        </p>
      </div>
      <TraceTree trace={shownTrace(outcome, catalog)} showTemplates={outcome.verdict === "would_run"} />
      {outcome.actions.length > 0 ? (
        <section aria-label="Actions that would run">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-ink-muted">Actions that would run</h3>
          <ol className="mt-1 space-y-2 text-sm">
            {outcome.actions.map((action) => (
              <li key={action.index} className="rounded-md border border-surface-line bg-white px-3 py-2">
                <p className="font-medium text-ink">{action.index + 1}. {action.description}</p>
                {action.fields.length > 0 ? (
                  <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-xs">
                    {action.fields.map((field) => (
                      <div key={field.key} className="contents">
                        <dt className="text-ink-faint">{field.key}</dt>
                        <dd className="whitespace-pre-wrap break-words text-ink">{field.value}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
                {action.missing.length > 0 ? (
                  <p className="mt-1 text-xs text-warning">Rendered empty: {action.missing.map((name) => `{{${name}}}`).join(", ")}</p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
