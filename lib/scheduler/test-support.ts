// Helpers for the scheduler's integration tests: a workspace with a source, time-based automations
// and deal events posted through the real webhook route, with `occurred_at` chosen by the test.

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, entitySnapshots, events } from "@/db/schema";
import type { AutomationFormValues } from "@/lib/automations/schema";
import type { TriggerInput } from "@/lib/automations/triggers";
import { ingestWebhook } from "@/lib/webhooks/ingest-webhook";
import { routeDb } from "@/lib/webhooks/route-db";
import { insertAutomation, makeWebhookWorld, signedRequest } from "@/lib/webhooks/test-support";

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export type SchedulerWorld = Awaited<ReturnType<typeof makeWebhookWorld>>;

/** "Follow up on {{deal.title}}" for the deal owner (the automation owner for entity-less schedules). */
export function timeAutomation(trigger: TriggerInput, name = "Time-based"): AutomationFormValues {
  const assignee = trigger.type === "schedule" ? { kind: "automation_owner" as const } : { kind: "deal_owner" as const };
  return {
    name,
    trigger,
    conditions: null,
    actions: [{ type: "create_activity", config: { subject: trigger.type === "schedule" ? "Update the pipeline" : "Follow up on {{deal.title}}", activityType: "task", dueInDays: 1, assignee } }],
  };
}

export async function addTimeAutomation(db: Db, world: SchedulerWorld, trigger: TriggerInput, name?: string): Promise<string> {
  return insertAutomation(db, world.workspace.id, world.admin.id, timeAutomation(trigger, name));
}

let sequence = 0;

/**
 * Posts a deal (or activity) event through the webhook route's ingest code, received when it
 * occurred (the tests' clock runs ahead of the real one, and the route refuses an occurred_at more
 * than 5 minutes after receipt); fails the test on any answer but 200.
 */
export async function postEntityEvent(
  world: SchedulerWorld,
  options: { dealId?: string; occurredAt: Date; type?: string; entity?: "deal" | "activity"; data?: Record<string, unknown> },
): Promise<void> {
  const entity = options.entity ?? "deal";
  const body = {
    type: options.type ?? `${entity}.updated`,
    occurred_at: options.occurredAt.toISOString(),
    entity: {
      type: entity,
      id: options.dealId ?? `D-${++sequence}`,
      data: entity === "deal" ? { title: "Acme renewal", stage: "proposal", status: "open", owner_id: "crm-a", ...options.data } : { subject: "Call", ...options.data },
    },
    previous: {},
  };
  const receivedAt = new Date(Math.max(options.occurredAt.getTime(), Date.now()));
  const request = signedRequest(world.source.id, body, { secret: world.source.secret, timestamp: Math.floor(receivedAt.getTime() / 1000) });
  const { db } = await routeDb();
  const response = await ingestWebhook(db, { request, sourceId: world.source.id, now: receivedAt });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
}

export function runsOf(db: Db, automationId: string) {
  return db
    .select({ id: automationRuns.id, status: automationRuns.status, entityId: automationRuns.entityId, eventType: automationRuns.eventType, trace: automationRuns.trace })
    .from(automationRuns)
    .where(eq(automationRuns.automationId, automationId));
}

export function activitiesOf(db: Db, automationId: string) {
  return db.select({ subject: activities.subject, entityId: activities.entityId, assigneeId: activities.assigneeId }).from(activities).where(eq(activities.automationId, automationId));
}

export async function snapshotOf(db: Db, workspaceId: string, entityId: string, entityType = "deal") {
  const [row] = await db
    .select()
    .from(entitySnapshots)
    .where(and(eq(entitySnapshots.workspaceId, workspaceId), eq(entitySnapshots.entityType, entityType), eq(entitySnapshots.entityId, entityId)));
  return row;
}

export function internalEvents(db: Db, workspaceId: string) {
  return db.select({ origin: events.origin, sourceId: events.sourceId, externalId: events.externalId, type: events.type }).from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.origin, "schedule")));
}
