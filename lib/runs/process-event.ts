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
import type { OwnerInfo } from "@/lib/engine/plan";
import type { TextFormat } from "@/lib/engine/text-format";
import { timeOrderedId } from "@/lib/time-ordered-id";
import { getEventRuns, type EventRunSummary } from "./get-event-runs";
import { invalidateActiveAutomations, loadActiveAutomations } from "./load-active-automations";
import { recordEvent } from "./record-event";
import { runAutomations } from "./run-automations";

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
};

/** `queued`: the event wrote outbox rows (a delivery, or a failure alert's email) for the sender. */
export type ProcessEventResult = { eventId: string; duplicate: boolean; runs: EventRunSummary[]; queued: boolean };

// Stale cache (automations changed since they were read), a deadlock between two events' failure
// streaks, or an automation deleted mid-flight: each is safe to retry, since nothing was written.
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001", "23503"]);
const MAX_ATTEMPTS = 3;
const NOBODY: WorkspaceDirectory = { users: new UserDirectory(), stamp: "" };

export function ownerInfo(directory: UserDirectory, event: NormalizedEvent): OwnerInfo | undefined {
  const ref = entityOwnerRef(event.entity.data);
  const user = ref ? directory.resolve(ref) : undefined;
  return user ? { id: user.id, email: user.email, name: user.name ?? user.email } : undefined;
}

function invalidate(workspaceId: string, eventType: string): void {
  invalidateActiveAutomations(workspaceId, eventType);
  invalidateWorkspaceDirectory(workspaceId);
}

export async function processEvent(db: Db, params: ProcessEventParams): Promise<ProcessEventResult> {
  const { workspaceId, event, now, deadline = new Deadline(), format, ...rest } = params;
  for (let attempt = 1; ; attempt++) {
    const eventId = timeOrderedId();
    const active = await deadline.wait("automations", readAgainIfLost(() => loadActiveAutomations(db, workspaceId, event.type)));
    // Without candidate automations nobody needs resolving (and the members are not checked).
    const directory =
      active.automations.length > 0 ? await deadline.wait("members", readAgainIfLost(() => loadWorkspaceDirectory(db, workspaceId))) : NOBODY;
    const users = directory.users;
    const { runs, effects } = runAutomations({
      now,
      workspaceId,
      eventId,
      event,
      automations: active.automations,
      users,
      planOptions: { owner: ownerInfo(users, event) },
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
        },
        deadline.remaining(),
      );
      if (result.status === "stale") {
        invalidate(workspaceId, event.type);
        continue;
      }
      if (result.status === "duplicate") {
        const original = await deadline.wait("original runs", readAgainIfLost(() => getEventRuns(db, { sourceId: params.sourceId, externalId: params.externalId })));
        return { eventId: original?.eventId ?? "", duplicate: true, runs: original?.runs ?? [], queued: false };
      }
      if (result.disabledAutomations > 0) invalidateActiveAutomations(workspaceId, event.type);
      return {
        eventId,
        duplicate: false,
        queued: effects.outbox.length > 0 || runs.some((run) => run.status === "failed"),
        runs: runs.map((run) => ({ runId: run.id, automationId: run.automationId, automationName: run.automationName, status: run.status, error: run.error })),
      };
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE_SQLSTATES.has(pgErrorCode(error) ?? "")) throw error;
      invalidate(workspaceId, event.type);
    }
  }
}
