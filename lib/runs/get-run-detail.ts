// One run with everything that explains it: the event it ran on, the automation (as it is now, and
// whether that is still the version that ran), each action's record, and the effects the reader may
// see (activities, notifications, outbound deliveries). All through withUser: row-level security
// hides what is not the reader's, and a run they cannot see is "not found", never "forbidden".

import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations, automationVersions, events, notifications, outbox, outboxAttempts, profiles, runActions, runAttempts } from "@/db/schema";
import { withUser, type Tx, type UserClaims } from "@/db/with-user";
import { definitionOf, type AutomationDefinition } from "@/lib/automations/definition";
import { AppError } from "@/lib/result";

export type GetRunDetailParams = { workspaceId: string; runId: string };

export type RunDetail = {
  run: {
    id: string;
    automationId: string;
    automationVersion: number;
    eventType: string;
    entityId: string;
    status: string;
    trace: unknown;
    error: string | null;
    retryCount: number;
    durationMicros: number;
    createdAt: Date;
    finishedAt: Date | null;
  };
  /** The automation as it is now; null when it is not visible to the reader. */
  automation: { id: string; name: string; version: number; trigger: unknown; conditions: unknown; actions: unknown; deletedAt: Date | null } | null;
  /** The definition the run used (its version); null for runs from before versions were kept. */
  ranVersion: { definition: AutomationDefinition; summary: string; authorEmail: string | null; createdAt: Date } | null;
  /** Null when the reader may not see it (or it is gone). `payload` is the event as normalised on receipt. */
  event: { id: string; externalId: string; type: string; entityType: string; entityId: string; payload: unknown; occurredAt: Date | null; receivedAt: Date; origin: string } | null;
  actions: RunActionDetail[];
  activities: { id: string; actionIndex: number | null; subject: string; assigneeId: string; assigneeEmail: string | null; dueAt: Date; doneAt: Date | null }[];
  notifications: { id: string; actionIndex: number | null; title: string; kind: string; readAt: Date | null }[];
  deliveries: RunDeliveryDetail[];
  /** The people the actions' outputs name, by user id, as far as the reader may see them. */
  people: Record<string, RunPerson>;
  /** Each attempt with the version it used, once the run has been retried (else empty). */
  attempts: RunAttemptDetail[];
};

export type RunPerson = { email: string; name: string | null };

export type RunAttemptDetail = {
  attempt: number;
  version: number;
  mode: "original" | "as_ran" | "current";
  status: string;
  error: string | null;
  actions: { index: number; type: string; status: string }[];
  retriedByEmail: string | null;
  createdAt: Date;
};

export type RunActionDetail = {
  actionIndex: number;
  type: string;
  status: string;
  attempts: number;
  output: unknown;
  error: string | null;
  finishedAt: Date | null;
};

/** An outbound email or webhook queued by an action; the outbox row counts its attempts. */
export type RunDeliveryDetail = {
  id: number;
  actionIndex: number | null;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  target: string | null;
  /** The Standard Webhooks `webhook-id`: the same on every attempt and on a resend. */
  messageId: string;
  attemptLog: DeliveryAttemptDetail[];
};

export type DeliveryAttemptDetail = {
  attempt: number;
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  outcome: string;
  error: string | null;
  responseSnippet: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function runNotFound(): AppError {
  return new AppError("not_found", "Run not found");
}

async function readRun(tx: Tx, params: GetRunDetailParams) {
  const [run] = await tx
    .select({
      id: automationRuns.id,
      automationId: automationRuns.automationId,
      automationVersion: automationRuns.automationVersion,
      eventId: automationRuns.eventId,
      eventType: automationRuns.eventType,
      entityId: automationRuns.entityId,
      status: automationRuns.status,
      trace: automationRuns.trace,
      error: automationRuns.error,
      retryCount: automationRuns.retryCount,
      durationMicros: automationRuns.durationMicros,
      createdAt: automationRuns.createdAt,
      finishedAt: automationRuns.finishedAt,
    })
    .from(automationRuns)
    .where(and(eq(automationRuns.id, params.runId), eq(automationRuns.workspaceId, params.workspaceId)))
    .limit(1);
  return run;
}

function readEffects(tx: Tx, runId: string) {
  return Promise.all([
    tx
      .select({
        actionIndex: runActions.actionIndex,
        type: runActions.type,
        status: runActions.status,
        attempts: runActions.attempts,
        output: runActions.output,
        error: runActions.error,
        finishedAt: runActions.finishedAt,
      })
      .from(runActions)
      .where(eq(runActions.runId, runId))
      .orderBy(asc(runActions.actionIndex)),
    tx
      .select({
        id: activities.id,
        actionIndex: activities.actionIndex,
        subject: activities.subject,
        assigneeId: activities.assigneeId,
        assigneeEmail: profiles.email,
        dueAt: activities.dueAt,
        doneAt: activities.doneAt,
      })
      .from(activities)
      .leftJoin(profiles, eq(profiles.id, activities.assigneeId))
      .where(eq(activities.runId, runId))
      .orderBy(asc(activities.actionIndex)),
    tx
      .select({ id: notifications.id, actionIndex: notifications.actionIndex, title: notifications.title, kind: notifications.kind, readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.runId, runId))
      .orderBy(asc(notifications.actionIndex)),
    tx
      .select({
        id: outbox.id,
        actionIndex: outbox.actionIndex,
        kind: outbox.kind,
        status: outbox.status,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        nextAttemptAt: outbox.nextAttemptAt,
        sentAt: outbox.sentAt,
        messageId: outbox.messageId,
        // Where it goes, not what it carries: the body may be large and is not the run's to show.
        target: sql<string | null>`coalesce(${outbox.payload} ->> 'url', ${outbox.payload} ->> 'to')`,
      })
      .from(outbox)
      .where(eq(outbox.runId, runId))
      .orderBy(asc(outbox.actionIndex)),
  ]);
}

async function readRanVersion(tx: Tx, automationId: string, version: number): Promise<RunDetail["ranVersion"]> {
  const [row] = await tx
    .select({
      name: automationVersions.name,
      description: automationVersions.description,
      trigger: automationVersions.trigger,
      conditions: automationVersions.conditions,
      actions: automationVersions.actions,
      summary: automationVersions.summary,
      authorEmail: profiles.email,
      createdAt: automationVersions.createdAt,
    })
    .from(automationVersions)
    .leftJoin(profiles, eq(profiles.id, automationVersions.authorId))
    .where(and(eq(automationVersions.automationId, automationId), eq(automationVersions.version, version)))
    .limit(1);
  if (!row) return null;
  const { summary, authorEmail, createdAt, ...definition } = row;
  return { definition: definitionOf(definition), summary, authorEmail, createdAt };
}

/** Each delivery's attempts, oldest first (one query for all of the run's deliveries). */
async function withAttempts(tx: Tx, rows: Omit<RunDeliveryDetail, "attemptLog">[]): Promise<RunDeliveryDetail[]> {
  if (rows.length === 0) return [];
  const attempts = await tx
    .select({
      outboxId: outboxAttempts.outboxId,
      attempt: outboxAttempts.attempt,
      startedAt: outboxAttempts.startedAt,
      statusCode: outboxAttempts.statusCode,
      latencyMs: outboxAttempts.latencyMs,
      outcome: outboxAttempts.outcome,
      error: outboxAttempts.error,
      responseSnippet: outboxAttempts.responseSnippet,
    })
    .from(outboxAttempts)
    .where(inArray(outboxAttempts.outboxId, rows.map((row) => row.id)))
    .orderBy(asc(outboxAttempts.outboxId), asc(outboxAttempts.id));
  return rows.map((row) => ({ ...row, attemptLog: attempts.filter((a) => a.outboxId === row.id).map(({ outboxId: _id, ...a }) => a) }));
}

const PERSON_KEYS = ["assigneeId", "userId"] as const;

/** Names for the user ids the outputs and follow-ups carry (profiles: readable within a shared workspace). */
async function readPeople(tx: Tx, outputs: unknown[], assignees: string[]): Promise<Record<string, RunPerson>> {
  const ids = new Set(assignees);
  for (const output of outputs) {
    if (!output || typeof output !== "object") continue;
    for (const key of PERSON_KEYS) {
      const value = (output as Record<string, unknown>)[key];
      if (typeof value === "string" && UUID.test(value)) ids.add(value);
    }
  }
  if (ids.size === 0) return {};
  const rows = await tx.select({ id: profiles.id, email: profiles.email, name: profiles.displayName }).from(profiles).where(inArray(profiles.id, [...ids]));
  return Object.fromEntries(rows.map(({ id, ...person }) => [id, person]));
}

async function readAttempts(tx: Tx, runId: string): Promise<RunAttemptDetail[]> {
  const rows = await tx
    .select({
      attempt: runAttempts.attempt,
      version: runAttempts.automationVersion,
      mode: runAttempts.mode,
      status: runAttempts.status,
      error: runAttempts.error,
      actions: runAttempts.actions,
      retriedByEmail: profiles.email,
      createdAt: runAttempts.createdAt,
    })
    .from(runAttempts)
    .leftJoin(profiles, eq(profiles.id, runAttempts.retriedBy))
    .where(eq(runAttempts.runId, runId))
    .orderBy(asc(runAttempts.attempt));
  return rows.map((row) => ({ ...row, actions: Array.isArray(row.actions) ? (row.actions as RunAttemptDetail["actions"]) : [] }));
}

export async function getRunDetail(db: Db, claims: UserClaims, params: GetRunDetailParams): Promise<RunDetail> {
  if (!UUID.test(params.runId)) throw runNotFound();
  return withUser(db, claims, async (tx) => {
    const run = await readRun(tx, params);
    if (!run) throw runNotFound();
    // Sequential on purpose: one transaction is one connection, whose queries run one at a time anyway.
    const [automation] = await tx
      .select({ id: automations.id, name: automations.name, version: automations.version, trigger: automations.trigger, conditions: automations.conditions, actions: automations.actions, deletedAt: automations.deletedAt })
      .from(automations)
      .where(eq(automations.id, run.automationId))
      .limit(1);
    const ranVersion = await readRanVersion(tx, run.automationId, run.automationVersion);
    const [event] = await tx
      .select({
        id: events.id,
        externalId: events.externalId,
        type: events.type,
        entityType: events.entityType,
        entityId: events.entityId,
        payload: events.payload,
        occurredAt: events.occurredAt,
        receivedAt: events.receivedAt,
        origin: events.origin,
      })
      .from(events)
      .where(eq(events.id, run.eventId))
      .limit(1);
    const [actions, activityRows, notificationRows, deliveryRows] = await readEffects(tx, run.id);
    const deliveries = await withAttempts(tx, deliveryRows);
    const attempts = run.retryCount > 0 ? await readAttempts(tx, run.id) : [];
    const people = await readPeople(tx, actions.map((action) => action.output), activityRows.map((row) => row.assigneeId));
    const { eventId: _eventId, ...runFields } = run;
    return {
      run: runFields,
      automation: automation ?? null,
      ranVersion,
      event: event ?? null,
      actions,
      activities: activityRows,
      notifications: notificationRows,
      deliveries,
      people,
      attempts,
    };
  });
}
