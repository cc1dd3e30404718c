// Step 9: everything an accepted event leaves behind, written by one call to app.record_event
// (drizzle/0005_record_event.sql): the event row is the idempotency claim, then its delivery log
// entry, runs, run actions, effects and failure streaks, in one transaction and one round trip.
// Rows travel as one JSON argument and are unpacked with jsonb_to_recordset (multi-row inserts).
// Under load, events that are ready together share that call and its commit (write-batcher.ts).

import type { Db } from "@/db/client";
import { problemKey, problemNotice } from "@/lib/actions/event-problems";
import type { EffectBatch } from "@/lib/actions/types";
import { appBaseUrl } from "@/lib/app-url";
import type { NormalizedEvent } from "@/lib/engine/event";
import type { RunRecord } from "./run-automations";
import { submitEventWrite } from "./write-batcher";

/** After this many failed runs in a row an automation is switched off and its owner alerted. */
export const MAX_CONSECUTIVE_FAILURES = 5;


export type RecordEventParams = {
  eventId: string;
  workspaceId: string;
  /** Null for an internal event, whose `externalId` is then its idempotency key. */
  sourceId: string | null;
  externalId: string;
  /** Absent for webhook events; internal and test events say where they come from; `replay` is a webhook event that runs nothing. */
  origin?: "schedule" | "replay" | "test";
  event: NormalizedEvent;
  now: Date;
  /** What the plans were made from; a stamp that no longer matches means "stale: write nothing". Null skips the check. */
  automationsStamp: string | null;
  triggerTypes: readonly string[];
  membersStamp: string | null;
  runs: readonly RunRecord[];
  effects: EffectBatch;
  /** For the delivery log: why nothing ran (when nothing did), and the body's first characters. */
  noRunReason?: string | null;
  snippet?: string | null;
};

export type RecordEventResult =
  | { status: "recorded"; disabledAutomations: number; outdated: string | null }
  | { status: "duplicate" }
  | { status: "stale" };

/** app.record_event's argument for one event (exported for the batching tests). */
export function eventWritePayload(p: RecordEventParams) {
  const { effects } = p;
  return {
    workspace_id: p.workspaceId,
    source_id: p.sourceId,
    event_id: p.eventId,
    external_id: p.externalId,
    ...(p.origin ? { origin: p.origin } : {}),
    received_at: p.now.toISOString(),
    event: p.event,
    automations_stamp: p.automationsStamp,
    trigger_types: p.triggerTypes,
    members_stamp: p.membersStamp,
    no_run_reason: p.noRunReason ?? null,
    snippet: p.snippet ?? null,
    max_failures: MAX_CONSECUTIVE_FAILURES,
    // Without SMTP_URL the alert emails are kept in the workspace's mailbox (lib/outbox/).
    alert_email: true,
    app_url: appBaseUrl(),
    runs: p.runs.map((run) => ({
      id: run.id,
      automation_id: run.automationId,
      owner_id: run.ownerId,
      version: run.version,
      status: run.status,
      trace: run.trace,
      error: run.error,
      problem: run.problem ? problemKey(run.problem) : null,
      duration_micros: run.durationMicros,
      finished_at: run.finishedAt.toISOString(),
    })),
    actions: p.runs.flatMap((run) =>
      run.actions.map((action) => ({
        run_id: run.id,
        action_index: action.index,
        type: action.type,
        status: action.status,
        output: action.output,
        error: action.error,
        config: action.config ?? null,
        finished_at: action.finishedAt.toISOString(),
      })),
    ),
    activities: effects.activities.map((a) => ({
      id: a.id,
      assignee_id: a.assigneeId,
      subject: a.subject,
      activity_type: a.activityType,
      due_at: a.dueAt.toISOString(),
      note: a.note,
      entity_type: a.entityType,
      entity_id: a.entityId,
      entity_title: a.entityTitle,
      automation_id: a.automationId,
      run_id: a.runId,
      action_index: a.actionIndex,
    })),
    notifications: effects.notifications.map((n) => ({
      id: n.id,
      user_id: n.userId,
      title: n.title,
      body: n.body,
      link: n.link,
      automation_id: n.automationId,
      run_id: n.runId,
      action_index: n.actionIndex,
    })),
    outbox: effects.outbox.map((o) => ({ kind: o.kind, payload: o.payload, run_id: o.runId, action_index: o.actionIndex })),
    // Only failed runs can carry a problem: the common event sends no key at all.
    ...(p.runs.some((run) => run.problem) ? { problems: eventProblems(p.runs) } : {}),
  };
}

/** One grouped notice per cause, however many of the event's runs it failed: the count is of events. */
function eventProblems(runs: readonly RunRecord[]) {
  const byKey = new Map<string, { key: string; title_one: string; title_many: string; body: string; link: string; run_id: string }>();
  for (const run of runs) {
    if (!run.problem) continue;
    const notice = problemNotice(run.problem);
    if (!byKey.has(notice.key)) {
      byKey.set(notice.key, { key: notice.key, title_one: notice.titleOne, title_many: notice.titleMany, body: notice.body, link: notice.link, run_id: run.id });
    }
  }
  return [...byKey.values()];
}

export async function recordEvent(db: Db, params: RecordEventParams, deadlineMs: number): Promise<RecordEventResult> {
  const outcome = await submitEventWrite(db, JSON.stringify(eventWritePayload(params)), deadlineMs);
  if (outcome.status === "stale") return { status: "stale" };
  if (outcome.status === "duplicate") return { status: "duplicate" };
  return { status: "recorded", disabledAutomations: outcome.disabled ?? 0, outdated: outcome.outdated ?? null };
}
