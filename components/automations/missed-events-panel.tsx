"use client";
// The events that arrived while the automation was off and would have triggered it: counted while it
// is off, and once it is back on, an offer to run it for them (the newest 1,000).

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { runMissedEventsAction } from "@/lib/runs/missed-actions";
import type { MissedRunsSummary } from "@/lib/runs/missed-runs";
import { useHydrated } from "./use-hydrated";

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

function summaryWords(s: MissedRunsSummary): string {
  const parts = [`${s.succeeded} succeeded`];
  if (s.skipped > 0) parts.push(`${s.skipped} skipped (conditions not met)`);
  if (s.failed > 0) parts.push(`${s.failed} failed`);
  return `Ran it for ${plural(s.ran, "event", "events")}: ${parts.join(", ")}.`;
}

export function MissedEventsPanel({ id, count, isActive }: { id: string; count: number; isActive: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const events = plural(count, "event", "events");
  const run = () =>
    startTransition(async () => {
      setMessage(null);
      try {
        const result = await runMissedEventsAction(id);
        setMessage(result.ok ? { ok: true, text: summaryWords(result.data) } : { ok: false, text: result.error });
        if (result.ok) router.refresh();
      } catch {
        setMessage({ ok: false, text: "Could not reach the server. Try again." });
      }
    });

  // Mounted even at 0, so the outcome of running them stays on screen after the page refreshes.
  if (count === 0 && !message) return null;
  return (
    <section aria-label="Missed while off" className="mb-6 rounded-card border border-amber-200 bg-amber-50 px-4 py-3 text-sm">
      {count > 0 ? (
        isActive ? (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-ink">{events} arrived while it was off and would have triggered it.</p>
            <Button type="button" onClick={run} disabled={!hydrated || pending} aria-busy={pending || undefined}>
              {pending ? "Running…" : `Run it for ${count > 1000 ? "the newest 1,000" : count === 1 ? "that event" : `those ${events}`}`}
            </Button>
          </div>
        ) : (
          <p className="text-ink">
            {events} arrived since it was switched off and would have triggered it. Reactivate it to run it for them (events are kept for 7 days after it was switched off).
          </p>
        )
      ) : null}
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "mt-1 text-success" : "mt-1 font-medium text-danger"}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
