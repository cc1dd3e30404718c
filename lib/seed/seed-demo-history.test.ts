// The demo history: written through the real event path and retry, replaced (not added to) by a
// re-seed, leaving no failure streak and no alert behind; --empty writes none. On both drivers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, isNotNull, like, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { activities, automationRuns, automations, events, inboundDeliveries, notifications, outbox, workspaceMembers } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { DEMO_EVENT_PREFIX, DEMO_EVENTS } from "./demo-history";
import { seedDemo, type SeedResult } from "./seed-demo";

const NOW = new Date("2026-12-01T12:00:00Z");

describe.each(TEST_DRIVERS)("demo history on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());
  afterEach(() => {
    delete process.env.SMTP_URL;
    resetEnvCache();
  });

  async function demoRuns(seed: SeedResult) {
    return handle.db
      .select({
        id: automationRuns.id,
        status: automationRuns.status,
        retryCount: automationRuns.retryCount,
        entityId: automationRuns.entityId,
        createdAt: automationRuns.createdAt,
        error: automationRuns.error,
      })
      .from(automationRuns)
      .innerJoin(events, eq(events.id, automationRuns.eventId))
      .where(and(eq(events.sourceId, seed.sourceId), like(events.externalId, `${DEMO_EVENT_PREFIX}%`)))
      .orderBy(automationRuns.createdAt);
  }

  async function alertsOf(seed: SeedResult) {
    const inApp = await handle.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.workspaceId, seed.workspaceId), eq(notifications.kind, "alert")));
    const email = await handle.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.workspaceId, seed.workspaceId), sql`${outbox.payload}->>'alert' = 'true'`));
    return { inApp: inApp.length, email: email.length };
  }

  it("writes matched, skipped, failed and retried runs in the past, through the real event path", async () => {
    const seed = await seedDemo(handle.db, "http://localhost:3000", { now: NOW });
    const runs = await demoRuns(seed);
    expect(runs.map((run) => [run.entityId, run.status, run.retryCount])).toEqual([
      ["D-1001", "succeeded", 0],
      ["D-1002", "skipped", 0],
      ["D-1003", "succeeded", 0],
      ["C-2001", "succeeded", 0],
      ["D-1004", "failed", 0],
      ["D-1005", "succeeded", 1],
    ]);
    expect(runs.find((run) => run.entityId === "D-1004")?.error).toContain("The deal owner “crm-former-rep” is not a member of this workspace");
    for (const run of runs) expect(run.createdAt.getTime()).toBeLessThan(NOW.getTime());
    const [oldest] = await handle.db.select({ occurredAt: events.occurredAt, receivedAt: events.receivedAt }).from(events).where(eq(events.externalId, `${DEMO_EVENT_PREFIX}acme-negotiation`));
    expect(oldest.receivedAt.toISOString()).toBe("2026-11-29T08:00:00.000Z");
    expect(oldest.occurredAt?.toISOString()).toBe("2026-11-29T07:59:00.000Z");

    // The effects of the runs that matched: the member's follow-ups and notifications.
    const demoRunIds = runs.map((run) => run.id);
    const followUps = await handle.db.select({ subject: activities.subject, assigneeId: activities.assigneeId }).from(activities).where(inArray(activities.runId, demoRunIds));
    expect(followUps).toEqual(
      expect.arrayContaining([
        { subject: "Follow up on Acme renewal", assigneeId: seed.users[1].id },
        { subject: "Follow up on Stark Industries upgrade", assigneeId: seed.users[1].id },
        { subject: "Introduce yourself to Dana Scully", assigneeId: seed.users[1].id },
      ]),
    );
    expect(followUps).toHaveLength(3);
    // Every demo event came in on the demo source's delivery log.
    const deliveries = await handle.db.select({ id: inboundDeliveries.id }).from(inboundDeliveries).where(like(inboundDeliveries.externalId, `${DEMO_EVENT_PREFIX}%`));
    expect(deliveries).toHaveLength(DEMO_EVENTS.length);
  });

  it("replaces its history on a re-seed, leaving no failure streak, no alert, and the member linked", async () => {
    // With email configured, a failed run also queues alert emails: those must go too.
    process.env.SMTP_URL = "smtp://mail.example.test:25";
    resetEnvCache();
    const first = await seedDemo(handle.db, "http://localhost:3000", { now: NOW });
    const firstRuns = await demoRuns(first);
    const second = await seedDemo(handle.db, "http://localhost:3000", { now: new Date(NOW.getTime() + 86_400_000) });
    const secondRuns = await demoRuns(second);

    expect(second.workspaceId).toBe(first.workspaceId);
    expect(secondRuns.map((run) => run.status)).toEqual(firstRuns.map((run) => run.status));
    expect(secondRuns.some((run) => firstRuns.some((old) => old.id === run.id))).toBe(false);
    const leftovers = await handle.db.select({ id: activities.id }).from(activities).where(and(eq(activities.workspaceId, second.workspaceId), isNotNull(activities.runId)));
    expect(leftovers).toHaveLength(3);
    const [{ n }] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(events).where(eq(events.sourceId, second.sourceId));
    expect(n).toBe(DEMO_EVENTS.length);

    expect(await alertsOf(second)).toEqual({ inApp: 0, email: 0 });
    const states = await handle.db.select({ failures: automations.consecutiveFailures, isActive: automations.isActive }).from(automations).where(eq(automations.workspaceId, second.workspaceId));
    expect(states).toHaveLength(3);
    for (const state of states) expect(state).toEqual({ failures: 0, isActive: true });
    const links = await handle.db.select({ crmUserId: workspaceMembers.crmUserId }).from(workspaceMembers).where(eq(workspaceMembers.workspaceId, second.workspaceId));
    expect(links.map((link) => link.crmUserId).sort()).toEqual(["crm-admin", "crm-member"]);
  });

  it("writes no history with history: false, and removes one an earlier seed wrote", async () => {
    const seeded = await seedDemo(handle.db, "http://localhost:3000", { now: NOW });
    expect(await demoRuns(seeded)).toHaveLength(6);
    const empty = await seedDemo(handle.db, "http://localhost:3000", { history: false });
    expect(empty.workspaceId).toBe(seeded.workspaceId);
    expect(await demoRuns(empty)).toEqual([]);
    const [{ n }] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, empty.sourceId));
    expect(n).toBe(0);
    const effects = await handle.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.workspaceId, empty.workspaceId));
    expect(effects).toEqual([]);
  });
});
