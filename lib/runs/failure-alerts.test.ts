// Failure alerts written by app.record_event (drizzle/0007): who gets them, what they link to, their
// caps per automation, the email copy when SMTP is configured; and the auto-disable reason, shown on
// the automation until a reactivation clears it. On both drivers.
import { afterEach, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations, notifications, outbox } from "@/db/schema";
import { getAutomation } from "@/lib/automations/get-automation";
import { setAutomationActive } from "@/lib/automations/set-automation-active";
import { resetEnvCache } from "@/lib/env";
import type { NormalizedEvent } from "@/lib/engine/event";
import { TEST_DRIVERS } from "@/test/db";
import { dealEvent, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { dealPayload } from "./history-test-support";
import { processEvent } from "./process-event";
import { ALERTS_PER_DAY, ALERTS_PER_HOUR, MAX_CONSECUTIVE_FAILURES } from "./record-event";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

const HOUR = 3_600_000;

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
      .select({ userId: notifications.userId, title: notifications.title, body: notifications.body, link: notifications.link, runId: notifications.runId, createdAt: notifications.createdAt })
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
      event: dealPayload(entityId, { owner_id: "crm-nobody" }) as NormalizedEvent,
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

    const { body } = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-gone" }), { secret: world.source.secret }));
    const runId = (body.runs as { runId: string }[])[0].runId;
    const alerts = await alertsOf(world);
    expect(alerts.map((a) => a.userId).sort()).toEqual([world.admin.id, world.memberA.id].sort());
    for (const alert of alerts) {
      expect(alert).toMatchObject({ title: "Automation “Negotiation follow-up” failed", link: `/settings/logs/${runId}`, runId });
      expect(alert.body).toMatch(/^Action 1 \(Create activity\): The deal owner “crm-gone”/);
    }
    // Without SMTP_URL the alert emails are queued all the same: the sender keeps them in the mailbox.
    const emails = await db.select({ to: sql<string>`${outbox.payload} ->> 'to'` }).from(outbox).where(eq(outbox.runId, runId));
    expect(emails.map((e) => e.to).sort()).toEqual([world.admin.email, world.memberA.email].sort());
  });

  it(`sends at most ${ALERTS_PER_HOUR} alerts an hour and ${ALERTS_PER_DAY} a day per automation`, async () => {
    const world = await makeWebhookWorld(db);
    const start = new Date(Date.now() - 3 * 24 * HOUR);
    const at = (hours: number, minutes = 0) => new Date(start.getTime() + hours * HOUR + minutes * 60_000);
    const alertedRuns = async () => new Set((await alertsOf(world)).map((a) => a.runId)).size;

    for (let i = 0; i < 8; i++) await failAt(world, at(0, i));
    expect(await alertedRuns()).toBe(ALERTS_PER_HOUR);
    // The hour slides: an hour after the first alert, the next failure is alerted again.
    await failAt(world, at(1, 1));
    expect(await alertedRuns()).toBe(ALERTS_PER_HOUR + 1);

    for (let i = 0; i < 6; i++) await failAt(world, at(3, i));
    for (let i = 0; i < 6; i++) await failAt(world, at(5, i));
    expect(await alertedRuns()).toBe(ALERTS_PER_DAY);
    for (let i = 0; i < 3; i++) await failAt(world, at(8, i));
    expect(await alertedRuns()).toBe(ALERTS_PER_DAY);
    // A day after the first ones, the alerts older than a day no longer count.
    await failAt(world, at(24, 30));
    expect(await alertedRuns()).toBe(ALERTS_PER_DAY + 1);
    // The admin owns it and is the only admin: one notification per alert.
    expect(await alertsOf(world)).toHaveLength(ALERTS_PER_DAY + 1);
  });

  it("queues an email per recipient with SMTP configured", async () => {
    process.env.SMTP_URL = "smtp://mail.example.test:25";
    resetEnvCache();
    const world = await makeWebhookWorld(db);
    await db.update(automations).set({ ownerId: world.memberB.id }).where(eq(automations.id, world.automationId));
    const runId = await failAt(world, new Date());
    const emails = await db.select({ kind: outbox.kind, payload: outbox.payload, actionIndex: outbox.actionIndex }).from(outbox).where(eq(outbox.runId, runId));
    expect(emails.map((e) => (e.payload as { to: string }).to).sort()).toEqual([world.admin.email, world.memberB.email].sort());
    for (const email of emails) {
      expect(email).toMatchObject({ kind: "email", actionIndex: null, payload: { subject: "Automation “Negotiation follow-up” failed", alert: true } });
      expect((email.payload as { body: string }).body).toContain(`/settings/logs/${runId}`);
    }
  });

  it("auto-disables after repeated failures with a reason the automation shows, which reactivation clears", async () => {
    const world = await makeWebhookWorld(db);
    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES; i++) {
      await post(signedRequest(world.source.id, dealEvent({ owner: "crm-nobody" }), { secret: world.source.secret }));
    }
    const scope = { claims: world.admin.claims, workspaceId: world.workspace.id, id: world.automationId };
    const off = await getAutomation(db, scope);
    expect(off).toMatchObject({ isActive: false, consecutiveFailures: MAX_CONSECUTIVE_FAILURES });
    expect(off.disabledReason).toMatch(/^Turned off after 5 failed runs in a row\. Last error: /);

    const on = await setAutomationActive(db, { ...scope, isActive: true });
    expect(on).toMatchObject({ isActive: true, consecutiveFailures: 0, disabledReason: null });
    const { body } = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-a" }), { secret: world.source.secret }));
    expect(body.runs).toMatchObject([{ automationId: world.automationId, status: "succeeded" }]);
  });
});
