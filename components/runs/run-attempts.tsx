// A retried run's attempts, oldest first: who retried it, how ("as it ran" or with the current
// version), the version each used and what each did with every action.

import { getAction } from "@/lib/automations/actions";
import type { RunAttemptDetail } from "@/lib/runs/get-run-detail";
import { Badge } from "@/components/ui/card";
import { formatRunTime, statusTone } from "./format";

const HOW: Record<RunAttemptDetail["mode"], string> = { original: "The original run", as_ran: "Retried as it ran", current: "Retried with the current version" };
const DID: Record<string, string> = { kept: "not repeated (succeeded earlier)", dropped: "not in this version" };

export function RunAttempts({ attempts }: { attempts: RunAttemptDetail[] }) {
  return (
    <ol className="space-y-3 text-sm">
      {attempts.map((attempt) => (
        <li key={attempt.attempt} aria-label={`Attempt ${attempt.attempt}`} className="rounded-md border border-surface-line p-3">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-ink">Attempt {attempt.attempt}: version {attempt.version}</span>
            <Badge tone={statusTone(attempt.status)}>{attempt.status}</Badge>
          </div>
          <p className="text-xs text-ink-muted">
            {HOW[attempt.mode]}
            {attempt.retriedByEmail && attempt.mode !== "original" ? ` by ${attempt.retriedByEmail}` : ""} ·{" "}
            <time dateTime={attempt.createdAt.toISOString()}>{formatRunTime(attempt.createdAt)}</time>
          </p>
          <ul className="mt-1 text-xs text-ink">
            {attempt.actions.map((action) => (
              <li key={action.index}>
                Action {action.index + 1} ({getAction(action.type)?.label ?? action.type}): {DID[action.status] ?? action.status}
              </li>
            ))}
          </ul>
          {attempt.error ? <p className="mt-1 text-xs text-danger">{attempt.error}</p> : null}
        </li>
      ))}
    </ol>
  );
}
