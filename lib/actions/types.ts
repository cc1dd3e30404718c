// What an action executor gets and gives back. Executors do no I/O: they validate, resolve people
// from the preloaded directory and queue their effect rows on `effects`, which the event's single
// write statement inserts with the runs, so an effect exists exactly when its run record does.

import type { PlannedAction } from "@/lib/engine/plan";
import type { NormalizedEvent } from "@/lib/engine/event";
import type { EventProblem } from "./event-problems";
import type { UserDirectory } from "./user-directory";

export type ActivityEffect = {
  id: string;
  assigneeId: string;
  subject: string;
  activityType: string;
  dueAt: Date;
  note: string | null;
  entityType: string;
  entityId: string;
  entityTitle: string | null;
  automationId: string;
  runId: string;
  actionIndex: number;
};

export type NotificationEffect = {
  id: string;
  userId: string;
  title: string;
  body: string | null;
  link: string | null;
  automationId: string;
  runId: string;
  actionIndex: number;
};

export type OutboxEffect = {
  kind: "email" | "webhook";
  payload: Record<string, unknown>;
  runId: string;
  actionIndex: number;
};

export type EffectBatch = {
  activities: ActivityEffect[];
  notifications: NotificationEffect[];
  outbox: OutboxEffect[];
};

export function emptyEffects(): EffectBatch {
  return { activities: [], notifications: [], outbox: [] };
}

export type ActionContext = {
  now: Date;
  workspaceId: string;
  eventId: string;
  event: NormalizedEvent;
  automation: { id: string; name: string; ownerId: string };
  runId: string;
  users: UserDirectory;
  effects: EffectBatch;
  /** The event is a test event ("Send test event"): nothing may leave the app (registry.ts). */
  testEvent?: boolean;
  /** The workspace's time zone, for due dates at a time of day (UTC when absent). */
  timeZone?: string;
};

/**
 * `pending`: handed to the outbox, delivered after commit by a worker. `skipped`: nothing to do, as
 * configured (no deal owner and the fallback says skip). A failure with `problem` is the event's
 * fault, not the automation's.
 */
export type ActionOutcome =
  | { status: "succeeded" | "pending" | "skipped"; output: Record<string, unknown> }
  | { status: "failed"; error: string; problem?: EventProblem };

export type ActionExecutor = {
  type: string;
  /** Its effect leaves the app (an email, an outbound webhook): not sent for test events. */
  leavesApp?: boolean;
  execute(ctx: ActionContext, action: PlannedAction): ActionOutcome;
};
