// The scheduler on both drivers with a controlled clock: events go in through the real webhook
// route (their occurred_at chosen by the test), sweeps run at chosen instants, and the runs,
// follow-ups and internal events they leave are read back.
import { describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations, inboundDeliveries, workspaces } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { makeWebhookWorld, useRouteTestDb } from "@/lib/webhooks/test-support";
import { sweepTimeTriggers } from "./sweep";
import { activitiesOf, addTimeAutomation, DAY_MS, internalEvents, MINUTE_MS, postEntityEvent, runsOf, snapshotOf } from "./test-support";
import { dateRelativeDueAt, latestOccurrence, nextOccurrence } from "./time-math";

const at = (base: number, offsetMs: number) => new Date(base + offsetMs);

describe.each(TEST_DRIVERS)("the scheduler on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  const sweep = (workspaceId: string, now: Date) => sweepTimeTriggers(db, { now, workspaceId });

  it("keeps one snapshot per entity: the newest occurred_at wins, a late older event never moves it back", async () => {
    const world = await makeWebhookWorld(db);
    const t0 = Date.now();
    await postEntityEvent(world, { dealId: "D-S", occurredAt: at(t0, 0), data: { stage: "proposal" } });
    await postEntityEvent(world, { dealId: "D-S", occurredAt: at(t0, -DAY_MS), data: { stage: "lead" } });
    let snapshot = await snapshotOf(db, world.workspace.id, "D-S");
    expect(snapshot).toMatchObject({ open: true, data: { stage: "proposal" } });
    expect(snapshot.lastActivityAt.getTime()).toBe(t0);

    // An activity linked to the deal is activity on the deal; the deal's data stays as it was.
    await postEntityEvent(world, { entity: "activity", dealId: "A-S", occurredAt: at(t0, DAY_MS), data: { deal_id: "D-S" } });
    snapshot = await snapshotOf(db, world.workspace.id, "D-S");
    expect(snapshot.lastActivityAt.getTime()).toBe(t0 + DAY_MS);
    expect(snapshot.lastOccurredAt.getTime()).toBe(t0);

    await postEntityEvent(world, { dealId: "D-S", occurredAt: at(t0, 2 * DAY_MS), data: { status: "won" } });
    expect(await snapshotOf(db, world.workspace.id, "D-S")).toMatchObject({ open: false });
  });

  it("fires an inactive deal once, not again the next minute, and again only after new activity and a new period", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await addTimeAutomation(db, world, { type: "deal.inactive", days: 7 });
    const t0 = Date.now();
    await postEntityEvent(world, { dealId: "D-1", occurredAt: at(t0, 0) });

    expect(await sweep(world.workspace.id, at(t0, 7 * DAY_MS - MINUTE_MS))).toEqual({ due: 0, runs: 0, failed: 0 });
    expect(await sweep(world.workspace.id, at(t0, 7 * DAY_MS + MINUTE_MS))).toEqual({ due: 1, runs: 1, failed: 0 });
    expect(await sweep(world.workspace.id, at(t0, 7 * DAY_MS + 2 * MINUTE_MS))).toEqual({ due: 0, runs: 0, failed: 0 });

    const runs = await runsOf(db, automationId);
    expect(runs).toMatchObject([{ status: "succeeded", entityId: "D-1", eventType: "deal.inactive" }]);
    expect(runs[0].trace).toMatchObject({ trigger: { matched: true, reason: expect.stringMatching(/^no activity for 7 days/) } });
    expect(await activitiesOf(db, automationId)).toEqual([{ subject: "Follow up on Acme renewal", entityId: "D-1", assigneeId: world.memberA.id }]);
    // An internal event: origin schedule, no source, no delivery log entry.
    expect(await internalEvents(db, world.workspace.id)).toEqual([
      { origin: "schedule", sourceId: null, externalId: `deal.inactive:${automationId}:D-1:${t0}`, type: "deal.inactive" },
    ]);
    const deliveries = await db.select({ id: inboundDeliveries.id }).from(inboundDeliveries).where(eq(inboundDeliveries.workspaceId, world.workspace.id));
    expect(deliveries).toHaveLength(1);

    // New activity: not inactive until a new full period has passed since it.
    await postEntityEvent(world, { dealId: "D-1", occurredAt: at(t0, 8 * DAY_MS) });
    expect((await sweep(world.workspace.id, at(t0, 8 * DAY_MS + MINUTE_MS))).runs).toBe(0);
    expect((await sweep(world.workspace.id, at(t0, 15 * DAY_MS - MINUTE_MS))).runs).toBe(0);
    expect((await sweep(world.workspace.id, at(t0, 15 * DAY_MS + MINUTE_MS))).runs).toBe(1);
    expect(await runsOf(db, automationId)).toHaveLength(2);
  });

  it("never fires for a won, lost or deleted deal", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await addTimeAutomation(db, world, { type: "deal.inactive", days: 1, catchUp: true });
    const t0 = Date.now();
    await postEntityEvent(world, { dealId: "D-won", occurredAt: at(t0, 0), data: { status: "won" } });
    await postEntityEvent(world, { dealId: "D-lost", occurredAt: at(t0, 0), data: { status: "lost" } });
    await postEntityEvent(world, { dealId: "D-gone", occurredAt: at(t0, 0), type: "deal.deleted" });
    expect(await sweep(world.workspace.id, at(t0, 30 * DAY_MS))).toEqual({ due: 0, runs: 0, failed: 0 });
    expect(await runsOf(db, automationId)).toEqual([]);
  });

  it("leaves deals already past the mark when switched on alone, unless the trigger says catchUp; late events count by occurred_at", async () => {
    const world = await makeWebhookWorld(db);
    const plain = await addTimeAutomation(db, world, { type: "deal.inactive", days: 7 }, "Plain");
    const catchUp = await addTimeAutomation(db, world, { type: "deal.inactive", days: 7, catchUp: true }, "Catch up");
    const t0 = Date.now();
    // A sweep has run before the deal is first seen, 8 days after its last activity.
    await sweep(world.workspace.id, at(t0, 0));
    await postEntityEvent(world, { dealId: "D-old", occurredAt: at(t0, -8 * DAY_MS) });
    expect(await sweep(world.workspace.id, at(t0, MINUTE_MS))).toEqual({ due: 1, runs: 1, failed: 0 });
    expect(await runsOf(db, plain)).toEqual([]);
    expect(await runsOf(db, catchUp)).toMatchObject([{ entityId: "D-old" }]);
    expect((await sweep(world.workspace.id, at(t0, 2 * MINUTE_MS))).runs).toBe(0);
  });

  it("produces one run from two sweeps at once", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await addTimeAutomation(db, world, { type: "deal.inactive", days: 3, catchUp: true });
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) await postEntityEvent(world, { dealId: `D-c${i}`, occurredAt: at(t0, -4 * DAY_MS) });
    const now = at(t0, MINUTE_MS);
    const results = await Promise.all([sweep(world.workspace.id, now), sweep(world.workspace.id, now)]);
    expect(results[0].runs + results[1].runs).toBe(5);
    expect(await runsOf(db, automationId)).toHaveLength(5);
    expect(await activitiesOf(db, automationId)).toHaveLength(5);
  });

  it("loses nothing and duplicates nothing when a sweep dies half-way", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await addTimeAutomation(db, world, { type: "deal.inactive", days: 3, catchUp: true });
    const t0 = Date.now();
    for (let i = 0; i < 6; i++) await postEntityEvent(world, { dealId: `D-x${i}`, occurredAt: at(t0, -4 * DAY_MS) });
    vi.spyOn(console, "error").mockImplementation(() => {});
    const crashed = await sweepTimeTriggers(db, {
      now: at(t0, 0),
      workspaceId: world.workspace.id,
      onRecorded: (count) => {
        if (count === 2) throw new Error("process died");
      },
    });
    vi.restoreAllMocks();
    expect(crashed.failed).toBe(1);
    // Its position did not move: the next sweep picks up what is left, and only that.
    const [row] = await db.select({ sweptUntil: automations.sweptUntil }).from(automations).where(eq(automations.id, automationId));
    expect(row.sweptUntil).toBeNull();
    await sweep(world.workspace.id, at(t0, MINUTE_MS));
    expect(await runsOf(db, automationId)).toHaveLength(6);
    expect(new Set((await activitiesOf(db, automationId)).map((a) => a.entityId)).size).toBe(6);
    expect(await activitiesOf(db, automationId)).toHaveLength(6);
  });

  it("fires a date trigger at the chosen hour in the workspace's time zone, once", async () => {
    const world = await makeWebhookWorld(db);
    await db.update(workspaces).set({ timeZone: "Europe/Berlin" }).where(eq(workspaces.id, world.workspace.id));
    const settings = { days: 3, direction: "before" as const, at: "09:00" };
    const automationId = await addTimeAutomation(db, world, { type: "deal.date_relative", field: "expected_close_date", ...settings });
    const t0 = Date.now();
    const close = new Date(t0 + 20 * DAY_MS).toISOString().slice(0, 10);
    await postEntityEvent(world, { dealId: "D-date", occurredAt: at(t0, 0), data: { expected_close_date: close } });
    const due = dateRelativeDueAt(close, settings, "Europe/Berlin").getTime();
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(due)).toBe("09:00");

    expect((await sweep(world.workspace.id, at(due, -MINUTE_MS))).runs).toBe(0);
    expect((await sweep(world.workspace.id, at(due, 0))).runs).toBe(1);
    expect((await sweep(world.workspace.id, at(due, MINUTE_MS))).runs).toBe(0);
    expect(await runsOf(db, automationId)).toMatchObject([{ entityId: "D-date", eventType: "deal.date_relative" }]);
  });

  it("fires a schedule once per occurrence, and catches up missed occurrences once", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await addTimeAutomation(db, world, { type: "schedule", cron: "0 9 * * *" });
    const first = nextOccurrence("0 9 * * *", "UTC", new Date())!.getTime();
    expect((await sweep(world.workspace.id, at(first, -MINUTE_MS))).runs).toBe(0);
    expect((await sweep(world.workspace.id, at(first, MINUTE_MS))).runs).toBe(1);
    expect((await sweep(world.workspace.id, at(first, 2 * MINUTE_MS))).runs).toBe(0);
    // Down for three days: one run for the latest missed occurrence, not three.
    const later = at(first, 3 * DAY_MS + MINUTE_MS);
    expect((await sweep(world.workspace.id, later)).runs).toBe(1);
    expect(latestOccurrence("0 9 * * *", "UTC", later)!.getTime()).toBe(first + 3 * DAY_MS);
    const runs = await runsOf(db, automationId);
    expect(runs).toMatchObject([
      { eventType: "schedule", entityId: "", status: "succeeded" },
      { eventType: "schedule", entityId: "", status: "succeeded" },
    ]);
    expect(await activitiesOf(db, automationId)).toMatchObject([{ subject: "Update the pipeline", assigneeId: world.admin.id }, { assigneeId: world.admin.id }]);
  });

  it("starts afresh when an automation is switched off and on again", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await addTimeAutomation(db, world, { type: "deal.inactive", days: 7 });
    await sweep(world.workspace.id, new Date());
    await db.update(automations).set({ isActive: false }).where(eq(automations.id, automationId));
    await db.update(automations).set({ isActive: true }).where(eq(automations.id, automationId));
    const [row] = await db
      .select({ sweptUntil: automations.sweptUntil, fresh: sql<boolean>`${automations.activatedAt} > now() - interval '1 minute'` })
      .from(automations)
      .where(eq(automations.id, automationId));
    expect(row).toEqual({ sweptUntil: null, fresh: true });
  });
});
