// Steps 7–9 for an authenticated, validated event: load the automations it can trigger, resolve the
// people involved (both from stamped caches), run the engine and the executors, and record everything
// with one call that refuses to write if either cache was stale.

import type { Db } from "@/db/client";
import { Deadline } from "@/db/deadline";
import { readAgainIfLost } from "@/db/faults";
import { pgErrorCode } from "@/lib/auth/pg-error";
import { invalidateWorkspaceDirectory, loadWorkspaceDirectory, type WorkspaceDirectory } from "@/lib/actions/load-workspace-directory";
import { entityOwnerRef, UserDirectory } from "@/lib/actions/user-directory";
import type { NormalizedEvent } from "@/lib/engine/event";
import { explainNoRuns } from "@/lib/engine/explain-no-runs";
import { needsKnownState, withKnownPrevious } from "@/lib/engine/known-previous";
import type { OwnerInfo } from "@/lib/engine/plan";
import type { FieldCatalog } from "@/lib/automations/field-catalog";
import { cachedFieldCatalog, getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { normalizeEventStages } from "@/lib/field-catalog/normalize-event";
import type { TextFormat } from "@/lib/engine/text-format";
import { timeOrderedId } from "@/lib/time-ordered-id";
import { getEventRuns, type EventRunSummary } from "./get-event-runs";
import { readLastKnownState } from "./last-known-state";
import { invalidateActiveAutomations, loadActiveAutomations, type ActiveAutomations } from "./load-active-automations";
import { recordEvent } from "./record-event";
import { runAutomations, type RunRecord } from "./run-automations";

export type ProcessEventParams = {
  workspaceId: string;
  sourceId: string;
  externalId: string;
  event: NormalizedEvent;
  now: Date;
  /** The workspace's locale and time zone for rendered text and due times (raw and UTC when absent). */
  format?: TextFormat;
  /** How long the delivery may wait for the database in all (a fresh REQUEST_DEADLINE_MS by default). */
  deadline?: Deadline;
  /** A backfill (`"replay": true`): recorded, snapshot updated, no automation run. */
  replay?: boolean;
  /** The body's first characters, kept on the delivery log. */
  snippet?: string | null;
  /** "Send test event": recorded as such, and no email or outbound webhook is sent for it. */
  origin?: "test";
};

/** `queued`: the event wrote outbox rows (a delivery, or a failure alert's email) for the sender. */
export type ProcessEventResult = { eventId: string; duplicate: boolean; runs: EventRunSummary[]; queued: boolean };

// Stale cache (automations changed since they were read), a deadlock between two events' failure
// streaks, or an automation deleted mid-flight: each is safe to retry, since nothing was written.
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001", "23503"]);
const MAX_ATTEMPTS = 3;
const NOBODY: WorkspaceDirectory = { users: new UserDirectory(), stamp: "" };
const NONE: ActiveAutomations = { automations: [], stamp: null, triggerTypes: [] };
const REPLAY_REASON = "replayed (\"replay\": true): recorded without running automations";

/** The delivery log's line when no automation ran (missed runs of switched-off ones do not count). */
function noRunReason(event: NormalizedEvent, automations: ActiveAutomations["automations"], runs: readonly RunRecord[], replay: boolean, catalog: FieldCatalog): string | null {
  if (replay) return REPLAY_REASON;
  return runs.some((run) => run.status !== "missed") ? null : explainNoRuns(event, automations, catalog);
}

export function ownerInfo(directory: UserDirectory, event: NormalizedEvent): OwnerInfo | undefined {
  const ref = entityOwnerRef(event.entity.data);
  const user = ref ? directory.resolve(ref) : undefined;
  return user ? { id: user.id, email: user.email, name: user.name ?? user.email } : undefined;
}

function invalidate(workspaceId: string, eventType: string): void {
  invalidateActiveAutomations(workspaceId, eventType);
  invalidateWorkspaceDirectory(workspaceId);
}

/**
 * An update sent without `previous` gets it from the entity's last known state: read only then, and
 * only when some automation could be triggered (events that carry `previous` cost nothing more).
 */
async function withPrevious(db: Db, workspaceId: string, event: NormalizedEvent, deadline: Deadline): Promise<NormalizedEvent> {
  if (!needsKnownState(event)) return event;
  const params = { workspaceId, entityType: event.entity.type, entityId: event.entity.id };
  const known = await deadline.wait("last known state", readAgainIfLost(() => readLastKnownState(db, params)));
  return withKnownPrevious(event, known);
}

export async function processEvent(db: Db, params: ProcessEventParams): Promise<ProcessEventResult> {
  const { workspaceId, event: sent, now, deadline = new Deadline(), replay = false, snippet, format, ...rest } = params;
  for (let attempt = 1; ; attempt++) {
    const eventId = timeOrderedId();
    const active = replay ? NONE : await deadline.wait("automations", readAgainIfLost(() => loadActiveAutomations(db, workspaceId, sent.type)));
    // The catalog read under the same revision as the automations (a cache hit in the steady state).
    const catalog =
      cachedFieldCatalog(workspaceId, active.stamp) ?? (await deadline.wait("field catalog", readAgainIfLost(() => getFieldCatalog(db, workspaceId, active.stamp))));
    let event = normalizeEventStages(sent, catalog);
    // Without candidate automations nobody needs resolving (and the members are not checked).
    let directory = NOBODY;
    if (active.automations.length > 0) {
      [directory, event] = await Promise.all([
        deadline.wait("members", readAgainIfLost(() => loadWorkspaceDirectory(db, workspaceId))),
        withPrevious(db, workspaceId, event, deadline),
      ]);
    }
    const users = directory.users;
    const { runs, effects } = runAutomations({
      now,
      workspaceId,
      eventId,
      event,
      automations: active.automations,
      users,
      planOptions: { owner: ownerInfo(users, event), catalog },
      testEvent: params.origin === "test",
      format,
    });
    try {
      const result = await recordEvent(
        db,
        {
          ...rest,
          workspaceId,
          event,
          now,
          eventId,
          // The last attempt writes without the freshness checks rather than fail the delivery.
          automationsStamp: attempt < MAX_ATTEMPTS ? active.stamp : null,
          triggerTypes: active.triggerTypes,
          membersStamp: attempt < MAX_ATTEMPTS && directory !== NOBODY ? directory.stamp : null,
          runs,
          effects,
          origin: replay ? "replay" : rest.origin,
          noRunReason: rest.sourceId ? noRunReason(event, active.automations, runs, replay, catalog) : null,
          snippet,
        },
        deadline.remaining(),
      );
      if (result.status === "stale") {
        invalidate(workspaceId, sent.type);
        continue;
      }
      if (result.status === "duplicate") {
        const original = await deadline.wait("original runs", readAgainIfLost(() => getEventRuns(db, { sourceId: params.sourceId, externalId: params.externalId })));
        return { eventId: original?.eventId ?? "", duplicate: true, runs: original?.runs ?? [], queued: false };
      }
      if (result.disabledAutomations > 0) invalidateActiveAutomations(workspaceId, sent.type);
      return {
        eventId,
        duplicate: false,
        queued: !result.outdated && (effects.outbox.length > 0 || runs.some((run) => run.status === "failed")),
        // An outdated event's runs were written as skipped: answer what was recorded.
        runs: runs.map((run) => ({
          runId: run.id,
          automationId: run.automationId,
          automationName: run.automationName,
          status: result.outdated ? "skipped" : run.status,
          error: result.outdated ? `Stale: ${result.outdated}` : run.error,
        })),
      };
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE_SQLSTATES.has(pgErrorCode(error) ?? "")) throw error;
      invalidate(workspaceId, sent.type);
    }
  }
}
