"use client";
// "What would this rule have done?": the rule as edited, over the workspace's stored events.

import Link from "next/link";
import { useState, useTransition } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { getAction } from "@/lib/automations/actions";
import type { AutomationFormValues } from "@/lib/automations/schema";
import { backtestAction } from "@/lib/backtest/backtest-actions";
import type { BacktestResult } from "@/lib/backtest/backtest-automation";
import { BACKTEST_LIMITS } from "@/lib/backtest/limits";


function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export function BacktestPanel() {
  const form = useFormContext<AutomationFormValues>();
  const [days, setDays] = useState("30");
  const [result, setResult] = useState<BacktestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = () =>
    start(async () => {
      setError(null);
      const outcome = await backtestAction(form.getValues(), days === "all" ? null : Number(days));
      if (outcome.ok) setResult(outcome.data);
      else {
        setResult(null);
        setError(outcome.error);
      }
    });

  return (
    <section aria-label="Backtest" className="mt-6 border-t border-surface-line pt-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block text-ink-muted">Past events</span>
          <select value={days} onChange={(e) => setDays(e.target.value)} className="rounded-md border border-surface-line px-2 py-1.5 text-sm" aria-label="Backtest window">
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="all">All kept</option>
          </select>
        </label>
        <Button variant="secondary" onClick={run} disabled={pending}>
          {pending ? "Running…" : "What would this rule have done?"}
        </Button>
      </div>
      {error ? <p role="alert" className="mt-2 text-sm font-medium text-danger">{error}</p> : null}
      {result ? <BacktestSummary result={result} /> : null}
    </section>
  );
}

function BacktestSummary({ result }: { result: BacktestResult }) {
  return (
    <div role="status" className="mt-3 space-y-2 text-sm">
      <p className="font-medium text-ink">
        Of {plural(result.scanned, "event")}, {plural(result.triggered, "would have triggered", "would have triggered")} it and {result.passed.toLocaleString("en-US")} would have passed its conditions.
      </p>
      {result.partial ? (
        <p className="text-warning">Stopped at the time limit: these counts cover the newest {plural(result.scanned, "event")}{result.oldestScanned ? `, back to ${new Date(result.oldestScanned).toISOString().slice(0, 10)}` : ""}.</p>
      ) : null}
      {result.actions.length > 0 ? (
        <ul aria-label="Actions it would have produced" className="list-inside list-disc">
          {result.actions.map((a) => (
            <li key={a.type}>{plural(a.count, (getAction(a.type)?.label ?? a.type).toLowerCase())} for {plural(a.people, "person", "people")}</li>
          ))}
        </ul>
      ) : null}
      {result.rejections.length > 0 ? (
        <ul aria-label="Conditions that turned events away" className="list-inside list-disc">
          {result.rejections.map((r) => (
            <li key={r.condition}>{r.condition} rejected {r.rejected.toLocaleString("en-US")} of {r.of.toLocaleString("en-US")}</li>
          ))}
        </ul>
      ) : null}
      {result.matches.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-brand-700">The {result.matches.length} newest matches</summary>
          <ul className="mt-1 space-y-0.5">
            {result.matches.map((m) => (
              <li key={m.eventId}>
                {m.canOpen ? <Link href={`/settings/events/${m.eventId}`} className="text-brand-700 hover:underline">{m.title ?? m.entityId}</Link> : <span>{m.title ?? m.entityId}</span>}{" "}
                <span className="text-ink-muted">{m.type} · {new Date(m.receivedAt).toISOString().slice(0, 16).replace("T", " ")} UTC · {m.passed ? "would have run" : "skipped by a condition"}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <ul className="text-xs text-ink-faint">{BACKTEST_LIMITS.map((l) => <li key={l}>{l}</li>)}</ul>
    </div>
  );
}
