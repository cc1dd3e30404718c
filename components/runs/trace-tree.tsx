// "Why did this run, or not?": the trigger's verdict, each condition with what it expected and what
// the event held, group verdicts, and template variables that rendered empty. Hook-free, so the
// run page (server) and the test-run panel (client) render the same tree.

import type { FieldCatalog } from "@/lib/automations/field-catalog";
import type { ConditionTraceGroup, ConditionTraceNode } from "@/lib/engine/conditions";
import { decidingFalseLeaves, describeLeaf, type TraceView } from "@/lib/runs/trace-view";

export function Verdict({ value }: { value: boolean }) {
  return (
    <span className={`inline-flex items-center gap-1 font-medium ${value ? "text-success" : "text-danger"}`}>
      <span aria-hidden>{value ? "✓" : "✗"}</span>
      {value ? "true" : "false"}
    </span>
  );
}

type Props = {
  trace: TraceView;
  /** Template variables matter only when actions rendered (a run that ran, a test run that would). */
  showTemplates?: boolean;
};

export function TraceTree({ trace, showTemplates = true }: Props) {
  const failing = trace.trigger?.matched ? decidingFalseLeaves(trace.conditions) : [];
  return (
    <div className="space-y-4 text-sm">
      <section aria-label="Trigger">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-ink-muted">Trigger</h3>
        {trace.trigger ? (
          <p className="mt-1">
            <span className={`font-medium ${trace.trigger.matched ? "text-success" : "text-danger"}`}>
              {trace.trigger.matched ? "Matched" : "Did not match"}
            </span>
            {trace.trigger.reason ? <>: {trace.trigger.reason}</> : null}
          </p>
        ) : (
          <p className="mt-1 text-ink-muted">Not recorded.</p>
        )}
        {trace.previousBasis ? <p className="mt-1 text-ink-muted">{trace.previousBasis}.</p> : null}
      </section>
      <section aria-label="Conditions">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-ink-muted">Conditions</h3>
        {failing.length > 0 ? (
          <p className="mt-1 rounded-md bg-red-50 px-3 py-2 text-danger">
            Not met: {failing.map((leaf) => {
              const view = describeLeaf(leaf, trace.catalog);
              return `${view.sentence} was false (actual: ${view.actual})`;
            }).join("; ")}.
          </p>
        ) : null}
        {trace.conditions && !(trace.conditions.kind === "group" && trace.conditions.children.length === 0 && !trace.conditions.note) ? (
          <div className="mt-2"><TraceNode node={trace.conditions} catalog={trace.catalog} /></div>
        ) : (
          <p className="mt-1 text-ink-muted">
            {trace.trigger?.matched === false ? "Not evaluated: the trigger did not match." : "No conditions: every triggering event runs the actions."}
          </p>
        )}
      </section>
      {showTemplates ? (
        <section aria-label="Templates">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-ink-muted">Templates</h3>
          {trace.missingVariables.length > 0 ? (
            <p className="mt-1 text-warning">
              Rendered empty (not in the event):{" "}
              {trace.missingVariables.map((name, index) => (
                <span key={name}>
                  {index > 0 ? ", " : null}
                  <code className="rounded bg-amber-50 px-1 font-mono text-xs">{`{{${name}}}`}</code>
                </span>
              ))}
            </p>
          ) : (
            <p className="mt-1 text-ink-muted">Every template variable had a value.</p>
          )}
          {trace.truncated.length > 0 ? <p className="mt-1 text-warning">Rendered text too long: {trace.truncated.join("; ")}.</p> : null}
        </section>
      ) : null}
    </div>
  );
}

type WithCatalog = { catalog: FieldCatalog };

function TraceNode({ node, catalog }: { node: ConditionTraceNode } & WithCatalog) {
  return node.kind === "group" ? <TraceGroup group={node} catalog={catalog} /> : <ul><TraceLeaf node={node} catalog={catalog} /></ul>;
}

function TraceGroup({ group, catalog }: { group: ConditionTraceGroup } & WithCatalog) {
  const words = group.match === "all" ? "All of these must be true" : "At least one of these must be true";
  return (
    <div role="group" aria-label={`${words}: ${group.result}`} className="rounded-md border border-surface-line">
      <p className="flex flex-wrap items-center justify-between gap-2 border-b border-surface-line bg-surface-sunken/60 px-3 py-1.5 text-xs">
        <span className="font-medium text-ink">{words} ({group.match})</span>
        <Verdict value={group.result} />
      </p>
      {group.note ? <p className="px-3 pt-2 text-xs text-danger">{group.note}</p> : null}
      {group.children.length === 0 ? (
        <p className="px-3 py-2 text-xs text-ink-muted">Empty group.</p>
      ) : (
        <ul className="space-y-2 p-2">
          {group.children.map((child, index) => (
            <TraceNodeItem key={index} node={child} catalog={catalog} />
          ))}
        </ul>
      )}
    </div>
  );
}

function TraceNodeItem({ node, catalog }: { node: ConditionTraceNode } & WithCatalog) {
  if (node.kind === "group") {
    return (
      <li>
        <TraceNode node={node} catalog={catalog} />
      </li>
    );
  }
  return <TraceLeaf node={node} catalog={catalog} />;
}

function TraceLeaf({ node, catalog }: { node: Extract<ConditionTraceNode, { kind: "condition" }> } & WithCatalog) {
  const view = describeLeaf(node, catalog);
  const cell = "min-w-0";
  const label = "block text-[11px] uppercase tracking-wide text-ink-faint";
  return (
    <li aria-label={`${view.sentence}: ${view.result}`} className={`rounded-md px-3 py-2 ${view.result ? "bg-green-50/60" : "bg-red-50/70"}`}>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-5">
        <div className={cell}><dt className={label}>Field</dt><dd className="font-medium text-ink">{view.field}</dd></div>
        <div className={cell}><dt className={label}>Operator</dt><dd>{view.operator}</dd></div>
        <div className={cell}><dt className={label}>Expected</dt><dd className="break-words">{view.expected}</dd></div>
        <div className={cell}>
          <dt className={label}>Actual</dt>
          <dd className="break-words">
            {view.actual}
            {view.previous !== null ? <span className="block text-xs text-ink-muted">was {view.previous}</span> : null}
          </dd>
        </div>
        <div className={cell}><dt className={label}>Result</dt><dd><Verdict value={view.result} /></dd></div>
      </dl>
      {view.note ? <p className="mt-1 text-xs text-danger">{view.note}</p> : null}
    </li>
  );
}
