// Failure alerts written by app.record_event (drizzle/0023): who gets them, what they link to, one
// grouped alert per (automation, cause) whose count grows while unread, the email copy with a new
// alert; the auto-disable reason, shown on the automation until a reactivation clears it, and the
// turned-off notice to the owner and the admins. Failures here are the automation's own (it names a
// member who is not in the workspace); the event's problems are in event-problems.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations, notifications, outbox } from "@/db/schema";
import { getAutomation } from "@/lib/automations/get-automation";
import { setAutomationActive } from "@/lib/automations/set-automation-active";
import { resetEnvCache } from "@/lib/env";
import type { NormalizedEvent } from "@/lib/engine/event";
import { TEST_DRIVERS } from "@/test/db";
import { CANONICAL, dealEvent, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { automationInputSchema } from "@/lib/automations/schema";

const CANONICAL_ACTIONS = automationInputSchema.parse(CANONICAL).actions;
import { dealPayload } from "./history-test-support";
import { processEvent } from "./process-event";
import { MAX_CONSECUTIVE_FAILURES } from "./record-event";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

const HOUR = 3_600_000;
const REMOVED = "00000000-0000-4000-8000-000000000001";

/** The canonical automation, but addressed to a member who is not in the workspace: every run fails. */
async function breakAutomation(db: Db, world: World) {
  const actions = [{ type: "create_activity", config: { subject: "Follow up", activityType: "call", dueInDays: 2, assignee: { kind: "member", userId: REMOVED } } }];
  await db.update(automations).set({ actions, version: 2 }).where(eq(automations.id, world.automationId));
}

describe.each(TEST_DRIVERS)("failure alerts on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });
  afterEach(() => {
    delete process.env.SMTP_URL;
    resetEnvCache();
  });

  const alertsOf = (world: World) =>
    db
      .select({ userId: notifications.userId, title: notifications.title, body: notifications.body, link: notifications.link, runId: notifications.runId, count: notifications.groupCount, createdAt: notifications.createdAt })
      .from(notifications)
      .where(and(eq(notifications.automationId, world.automationId), eq(notifications.kind, "alert")))
      .orderBy(asc(notifications.createdAt));

  /** A failing event at a given time; the streak is reset first so auto-disable stays out of the way. */
  async function failAt(world: World, at: Date) {
    await db.update(automations).set({ consecutiveFailures: 0 }).where(eq(automations.id, world.automationId));
    const entityId = `D-${crypto.randomUUID().slice(0, 8)}`;
    const result = await processEvent(db, {
      workspaceId: world.workspace.id,
      sourceId: world.source.id,
      externalId: `msg_${crypto.randomUUID()}`,
      event: dealPayload(entityId, { owner_id: "crm-a" }) as NormalizedEvent,
      now: at,
    });
    expect(result.runs.map((run) => run.status)).toEqual(["failed"]);
    return result.runs[0].runId;
  }

  it("alerts the owner and the admins on a failed run from the webhook route, linking to the run", async () => {
    const world = await makeWebhookWorld(db);
    // The owner is a member, so the alert reaches two people.
    await db.update(automations).set({ ownerId: world.memberA.id }).where(eq(automations.id, world.automationId));
    const ok = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a" }), { secret: world.source.secret }));
    expect(ok.status).toBe(200);
    expect(await alertsOf(world)).toEqual([]);

    await breakAutomation(db, world);
    const { body } = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a" }), { secret: world.source.secret }));
    const runId = (body.runs as { runId: string }[])[0].runId;
    const alerts = await alertsOf(world);
    expect(alerts.map((a) => a.userId).sort()).toEqual([world.admin.id, world.memberA.id].sort());
    for (const alert of alerts) {
      expect(alert).toMatchObject({ title: "Automation “Negotiation follow-up” failed", link: `/settings/logs/${runId}`, runId });
      expect(alert.body).toBe("Action 1 (Create activity): The chosen member is no longer in this workspace: choose someone else in the automation");
    }
    // Without SMTP_URL the alert emails are queued all the same: the sender keeps them in the mailbox.
    const emails = await db.select({ to: sql<string>`${outbox.payload} ->> 'to'` }).from(outbox).where(eq(outbox.runId, runId));
    expect(emails.map((e) => e.to).sort()).toEqual([world.admin.email, world.memberA.email].sort());
  });

  it("groups repeated failures of one cause into one alert whose count grows while unread, emailed once", async () => {
    const world = await makeWebhookWorld(db);
    await breakAutomation(db, world);
    const start = new Date(Date.now() - HOUR);
    const runs: string[] = [];
    for (let i = 0; i < 4; i++) runs.push(await failAt(world, new Date(start.getTime() + i * 60_000)));
    const [alert, ...others] = await alertsOf(world);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ userId: world.admin.id, title: "Automation “Negotiation follow-up” failed 4 times", count: 4, runId: runs[3], link: `/settings/logs/${runs[3]}` });
    const emails = await db.select({ id: outbox.id }).from(outbox).where(sql`${outbox.payload} ->> 'alert' = 'true' and ${outbox.workspaceId} = ${world.workspace.id}`);
    expect(emails).toHaveLength(1);

    // Once read, the next failure opens a new alert (and a new email).
    await db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.automationId, world.automationId));
    await failAt(world, new Date(start.getTime() + 10 * 60_000));
    const alerts = await alertsOf(world);
    expect(alerts.map((a) => [a.title, a.count])).toEqual([
      ["Automation “Negotiation follow-up” failed 4 times", 4],
      ["Automation “Negotiation follow-up” failed", 1],
    ]);
    const after = await db.select({ id: outbox.id }).from(outbox).where(sql`${outbox.payload} ->> 'alert' = 'true' and ${outbox.workspaceId} = ${world.workspace.id}`);
    expect(after).toHaveLength(2);
  });

  it("queues an email per recipient with SMTP configured", async () => {
    process.env.SMTP_URL = "smtp://mail.example.test:25";
    resetEnvCache();
    const world = await makeWebhookWorld(db);
    await db.update(automations).set({ ownerId: world.memberB.id }).where(eq(automations.id, world.automationId));
    await breakAutomation(db, world);
    const runId = await failAt(world, new Date());
    const emails = await db.select({ kind: outbox.kind, payload: outbox.payload, actionIndex: outbox.actionIndex }).from(outbox).where(eq(outbox.runId, runId));
    expect(emails.map((e) => (e.payload as { to: string }).to).sort()).toEqual([world.admin.email, world.memberB.email].sort());
    for (const email of emails) {
      expect(email).toMatchObject({ kind: "email", actionIndex: null, payload: { subject: "Automation “Negotiation follow-up” failed", alert: true } });
      expect((email.payload as { body: string }).body).toContain(`/settings/logs/${runId}`);
    }
  });

  it("auto-disables after repeated failures with a reason the automation shows, tells the owner and the admins once, and reactivation clears it", async () => {
    const world = await makeWebhookWorld(db);
    await db.update(automations).set({ ownerId: world.memberA.id }).where(eq(automations.id, world.automationId));
    await breakAutomation(db, world);
    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES; i++) {
      await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a" }), { secret: world.source.secret }));
    }
    const offNotices = (await alertsOf(world)).filter((a) => a.title === "Automation “Negotiation follow-up” was turned off");
    expect(offNotices.map((a) => a.userId).sort()).toEqual([world.admin.id, world.memberA.id].sort());
    expect((await alertsOf(world)).filter((a) => a.title.includes("failed 5 times")).map((a) => a.userId).sort()).toEqual([world.admin.id, world.memberA.id].sort());
    const scope = { claims: world.admin.claims, workspaceId: world.workspace.id, id: world.automationId };
    const off = await getAutomation(db, scope);
    expect(off).toMatchObject({ isActive: false, consecutiveFailures: MAX_CONSECUTIVE_FAILURES });
    expect(off.disabledReason).toMatch(/^Turned off after 5 failed runs in a row\. Last error: /);

    await db.update(automations).set({ actions: CANONICAL_ACTIONS, version: 3 }).where(eq(automations.id, world.automationId));
    const on = await setAutomationActive(db, { ...scope, isActive: true });
    expect(on).toMatchObject({ isActive: true, consecutiveFailures: 0, disabledReason: null });
    const { body } = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a" }), { secret: world.source.secret }));
    expect(body.runs).toMatchObject([{ automationId: world.automationId, status: "succeeded" }]);
  });
});
