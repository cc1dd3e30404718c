// An action's output as labelled fields (people by name, times as times), with the raw JSON behind
// a "Details" toggle. Keys are labelled by a small registry; an unknown key is shown under its name.

import type { RunPerson } from "@/lib/runs/get-run-detail";
import { formatRunTime } from "./format";

type Output = Record<string, unknown>;
type People = Readonly<Record<string, RunPerson>>;
type FieldSpec = { label: string; show: (value: unknown, output: Output, people: People) => string | null };

/** "Mia Jones (mia@example.test)", else the address the output kept, else that they are gone. */
export function personName(userId: unknown, people: People, fallbackEmail?: unknown): string {
  const person = typeof userId === "string" ? people[userId] : undefined;
  if (person) return person.name && person.name !== person.email ? `${person.name} (${person.email})` : person.email;
  return typeof fallbackEmail === "string" ? fallbackEmail : "someone no longer in this workspace";
}

const text = (value: unknown) => (value === null || value === undefined || value === "" ? null : typeof value === "string" ? value : JSON.stringify(value));

const FIELDS: Record<string, FieldSpec | null> = {
  assigneeId: { label: "Assignee", show: (value, output, people) => personName(value, people, output.assigneeEmail) },
  userId: { label: "Recipient", show: (value, output, people) => personName(value, people, output.userEmail) },
  subject: { label: "Subject", show: text },
  dueAt: { label: "Due", show: (value) => (typeof value === "string" ? formatRunTime(value) : null) },
  to: { label: "To", show: text },
  url: { label: "URL", show: text },
  outbox: { label: "Delivery", show: (value) => (value === "email" ? "Queued as an email" : value === "webhook" ? "Queued as a webhook" : text(value)) },
  reason: { label: "Why", show: text },
  missingVariables: { label: "Rendered empty", show: (value) => (Array.isArray(value) ? value.map((name) => `{{${String(name)}}}`).join(", ") : null) },
  // Shown through the fields above, or only in the details.
  assigneeEmail: null,
  userEmail: null,
  activityId: null,
  notificationId: null,
};

export function ActionOutput({ output, people }: { output: unknown; people: People }) {
  if (output === null || output === undefined) return null;
  const record: Output = typeof output === "object" && !Array.isArray(output) ? (output as Output) : { value: output };
  // In the registry's order (stored JSON does not keep the order it was written in), unknown keys last.
  const keys = [...Object.keys(FIELDS).filter((key) => Object.hasOwn(record, key)), ...Object.keys(record).filter((key) => !Object.hasOwn(FIELDS, key))];
  const rows = keys.map((key) => [key, record[key]] as const).flatMap(([key, value]) => {
    const spec = Object.hasOwn(FIELDS, key) ? FIELDS[key] : { label: key, show: text };
    const shown = spec ? spec.show(value, record, people) : null;
    return spec && shown !== null ? [{ key, label: spec.label, value: shown }] : [];
  });
  return (
    <div className="mt-2 space-y-1">
      {rows.length > 0 ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
          {rows.map((row) => (
            <div key={row.key} className="contents">
              <dt className="text-ink-muted">{row.label}</dt>
              <dd className="break-words text-ink">{row.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <details className="text-xs">
        <summary className="cursor-pointer text-brand-700">Details (JSON)</summary>
        <pre className="mt-1 overflow-x-auto rounded bg-surface-sunken p-2 font-mono">{JSON.stringify(output, null, 2)}</pre>
      </details>
    </div>
  );
}
