// The demo workspace's history, written through the real event path (lib/runs/process-event.ts) and
// the real retry (lib/runs/retry-run.ts), so it looks exactly like history a CRM would leave. A
// re-seed replaces it: demo events are the demo source's with the DEMO_EVENT_PREFIX external id.
// Demo failures are examples, not the automations' record: afterwards their failure streaks are 0
// and the alerts they raised are gone.

import { and, eq, inArray, like, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations, events, inboundDeliveries, notifications, outbox, workspaceMembers } from "@/db/schema";
import type { UserClaims } from "@/db/with-user";
import { invalidateWorkspaceDirectory } from "@/lib/actions/load-workspace-directory";
import { forgetHealthRollup } from "@/lib/runs/health-rollup";
import { invalidateActiveAutomations } from "@/lib/runs/load-active-automations";
import { processEvent } from "@/lib/runs/process-event";
import { retryRun } from "@/lib/runs/retry-run";
import { normalizePayload } from "@/lib/webhooks/parse-payload";
import { DEMO_EVENT_PREFIX, DEMO_EVENTS, type DemoEvent } from "./demo-history";

export type DemoHistoryScope = { workspaceId: string; sourceId: string };

export type SeedHistoryParams = DemoHistoryScope & {
  admin: { id: string; email: string };
  member: { id: string; crmUserId: string };
  now: Date;
};

const HOUR_MS = 3_600_000;
/** How long after the failure the demo admin retried it. */
const RETRY_DELAY_MS = 40 * 60_000;

/** Deletes the demo events with their deliveries, runs (and their actions, by cascade) and effects. */
export async function clearDemoHistory(db: Db, scope: DemoHistoryScope): Promise<void> {
  const demoExternalId = like(events.externalId, `${DEMO_EVENT_PREFIX}%`);
  await db.transaction(async (tx) => {
    const demoEvents = tx
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.workspaceId, scope.workspaceId), eq(events.sourceId, scope.sourceId), demoExternalId));
    const demoRuns = tx.select({ id: automationRuns.id }).from(automationRuns).where(inArray(automationRuns.eventId, demoEvents));
    await tx.delete(activities).where(inArray(activities.runId, demoRuns));
    await tx.delete(notifications).where(inArray(notifications.runId, demoRuns));
    await tx.delete(outbox).where(inArray(outbox.runId, demoRuns));
    await tx
      .delete(inboundDeliveries)
      .where(and(eq(inboundDeliveries.sourceId, scope.sourceId), like(inboundDeliveries.externalId, `${DEMO_EVENT_PREFIX}%`)));
    await tx.delete(events).where(inArray(events.id, demoEvents));
  });
  await forgetHealthRollup(db, scope.workspaceId);
}

/**
 * Runs `write` while the demo member has no CRM id, as before an admin linked them: events for
 * "crm-member" then find no member. The link is restored whatever happens.
 */
async function whileMemberUnlinked<T>(db: Db, params: SeedHistoryParams, write: () => Promise<T>): Promise<T> {
  const member = and(eq(workspaceMembers.workspaceId, params.workspaceId), eq(workspaceMembers.userId, params.member.id));
  await db.update(workspaceMembers).set({ crmUserId: null }).where(member);
  invalidateWorkspaceDirectory(params.workspaceId);
  try {
    return await write();
  } finally {
    await db.update(workspaceMembers).set({ crmUserId: params.member.crmUserId }).where(member);
    invalidateWorkspaceDirectory(params.workspaceId);
  }
}

async function writeDemoEvent(db: Db, params: SeedHistoryParams, demo: DemoEvent): Promise<string[]> {
  const receivedAt = new Date(params.now.getTime() - demo.hoursAgo * HOUR_MS);
  const body = { ...demo.body, occurred_at: new Date(receivedAt.getTime() - 60_000).toISOString() };
  const event = normalizePayload("native", body, receivedAt);
  const write = () =>
    processEvent(db, { workspaceId: params.workspaceId, sourceId: params.sourceId, externalId: `${DEMO_EVENT_PREFIX}${demo.key}`, event, now: receivedAt });
  const result = demo.retryAfterLinking ? await whileMemberUnlinked(db, params, write) : await write();
  if (demo.retryAfterLinking) {
    const claims: UserClaims = { sub: params.admin.id, email: params.admin.email, role: "authenticated" };
    const retriedAt = new Date(receivedAt.getTime() + RETRY_DELAY_MS);
    for (const run of result.runs.filter((r) => r.status === "failed")) {
      await retryRun(db, claims, { workspaceId: params.workspaceId, runId: run.runId, now: retriedAt });
    }
  }
  return result.runs.map((run) => run.runId);
}

/** Ends the failure streaks the demo runs started and removes the alerts (in-app and queued email) they raised. */
async function forgetDemoFailures(db: Db, workspaceId: string, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.delete(notifications).where(and(inArray(notifications.runId, runIds), eq(notifications.kind, "alert")));
    await tx.delete(outbox).where(and(inArray(outbox.runId, runIds), sql`${outbox.payload}->>'alert' = 'true'`));
    const demoAutomations = tx.select({ id: automationRuns.automationId }).from(automationRuns).where(inArray(automationRuns.id, runIds));
    await tx
      .update(automations)
      .set({ consecutiveFailures: 0 })
      .where(and(eq(automations.workspaceId, workspaceId), inArray(automations.id, demoAutomations), ne(automations.consecutiveFailures, 0)));
  });
}

/** Replaces the demo history: clears the previous one, then writes DEMO_EVENTS oldest first. */
export async function seedDemoHistory(db: Db, params: SeedHistoryParams): Promise<{ runIds: string[] }> {
  await clearDemoHistory(db, params);
  // The seed has just changed the automations and members: plan from the database, not a cache.
  invalidateWorkspaceDirectory(params.workspaceId);
  for (const type of new Set(DEMO_EVENTS.map((demo) => String(demo.body.type)))) invalidateActiveAutomations(params.workspaceId, type);
  const runIds: string[] = [];
  const oldestFirst = [...DEMO_EVENTS].sort((a, b) => b.hoursAgo - a.hoursAgo);
  for (const demo of oldestFirst) runIds.push(...(await writeDemoEvent(db, params, demo)));
  await forgetDemoFailures(db, params.workspaceId, runIds);
  // The history is backdated: days the health rollup closed before it was written are counted again.
  await forgetHealthRollup(db, params.workspaceId);
  return { runIds };
}
