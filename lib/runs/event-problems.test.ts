// Issue 26 section 1: what is wrong with an event (an owner missing or not mapped to a member) fails
// only its run and never switches the automation off; the admins get one grouped notice per cause
// that counts the events and links to Members; mapping the CRM id and retrying runs them. Through
// the real route, on both drivers.
import { describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations, notifications, workspaceMembers } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { CANONICAL, dealEvent, insertAutomation, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { countUnmappedOwnerRuns, retryUnmappedOwnerRuns } from "./problem-runs";
import { MAX_CONSECUTIVE_FAILURES } from "./record-event";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

const send = async (world: World, body: unknown) => (await post(signedRequest(world.source.id, body, { secret: world.source.secret }))).body;

describe.each(TEST_DRIVERS)("event problems on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  const noticesOf = (world: World) =>
    db
      .select({ userId: notifications.userId, title: notifications.title, link: notifications.link, key: notifications.groupKey, count: notifications.groupCount, readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.workspaceId, world.workspace.id), eq(notifications.kind, "alert")));
  const automationState = (id: string) =>
    db.select({ isActive: automations.isActive, failures: automations.consecutiveFailures }).from(automations).where(eq(automations.id, id));

  it("an owner nobody is mapped to fails only that run, never switches the rule off, and one grouped notice counts the events", async () => {
    const world = await makeWebhookWorld(db);
    await db.update(automations).set({ ownerId: world.memberA.id }).where(eq(automations.id, world.automationId));
    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES + 1; i++) {
      const body = await send(world, dealEvent({ owner: "crm-ghost" }));
      expect(body.runs).toMatchObject([{ status: "failed", error: expect.stringContaining("The deal owner “crm-ghost” is not a member") }]);
    }
    expect(await automationState(world.automationId)).toEqual([{ isActive: true, failures: 0 }]);
    // The next event, for a mapped owner, runs as ever.
    expect((await send(world, dealEvent({ owner: "crm-a" }))).runs).toMatchObject([{ status: "succeeded" }]);
    const runs = await db.select({ status: automationRuns.status, problem: automationRuns.problem }).from(automationRuns).where(eq(automationRuns.automationId, world.automationId));
    expect(runs.filter((run) => run.problem === "owner_unmapped:crm-ghost" && run.status === "failed")).toHaveLength(6);
    expect(runs.filter((run) => run.status === "succeeded")).toHaveLength(1);

    // The admins only (the owner got no failure alert), one row that counts the six events.
    expect(await noticesOf(world)).toEqual([
      {
        userId: world.admin.id,
        title: "6 events named the CRM user crm-ghost, who is not mapped to a member: map them",
        link: "/settings/members?crm=crm-ghost",
        key: "owner_unmapped:crm-ghost",
        count: 6,
        readAt: null,
      },
    ]);
  });

  it("counts an event once however many of its runs the cause failed, and names a missing owner apart", async () => {
    const world = await makeWebhookWorld(db);
    await insertAutomation(db, world.workspace.id, world.admin.id, { ...CANONICAL, name: "Second" });
    const noOwner = dealEvent();
    (noOwner.entity.data as Record<string, unknown>).owner_id = null;
    expect((await send(world, noOwner)).runs).toMatchObject([{ status: "failed" }, { status: "failed" }]);
    await send(world, dealEvent({ owner: "crm-ghost" }));
    const notices = await noticesOf(world);
    expect(notices.map((n) => [n.title, n.count]).sort()).toEqual([
      ["1 event had a deal without an owner", 1],
      ["1 event named the CRM user crm-ghost, who is not mapped to a member: map them", 1],
    ]);
  });

  it("a fallback addresses the automation owner, or skips the action, and the run succeeds with no notice", async () => {
    const world = await makeWebhookWorld(db);
    await db.update(automations).set({ isActive: false, deletedAt: new Date() }).where(eq(automations.id, world.automationId));
    const [activity, notify] = CANONICAL.actions;
    const id = await insertAutomation(db, world.workspace.id, world.memberB.id, {
      ...CANONICAL,
      name: "With fallbacks",
      actions: [
        { ...activity, config: { ...activity.config, ifOwnerMissing: { kind: "automation_owner" } } } as (typeof CANONICAL.actions)[number],
        { ...notify, config: { ...notify.config, ifOwnerMissing: { kind: "skip" } } } as (typeof CANONICAL.actions)[number],
      ],
    });
    const body = await send(world, dealEvent({ owner: "crm-ghost" }));
    expect(body.runs).toMatchObject([{ automationId: id, status: "succeeded" }]);
    const made = await db.select({ assigneeId: activities.assigneeId }).from(activities).where(eq(activities.automationId, id));
    expect(made).toEqual([{ assigneeId: world.memberB.id }]);
    expect(await noticesOf(world)).toEqual([]);
  });

  it("after the CRM id is mapped, retrying runs every failed run of that cause and closes the notice", async () => {
    const world = await makeWebhookWorld(db);
    for (let i = 0; i < 3; i++) await send(world, dealEvent({ owner: "crm-new-rep" }));
    const scope = { workspaceId: world.workspace.id, crmUserId: "crm-new-rep" };
    expect(await countUnmappedOwnerRuns(db, world.admin.claims, scope)).toBe(3);
    // A member who owns none of these runs sees none of them.
    expect(await countUnmappedOwnerRuns(db, world.memberB.claims, scope)).toBe(0);

    await db.update(workspaceMembers).set({ crmUserId: "crm-new-rep" }).where(and(eq(workspaceMembers.workspaceId, world.workspace.id), eq(workspaceMembers.userId, world.memberB.id)));
    expect(await retryUnmappedOwnerRuns(db, world.admin.claims, { ...scope, now: new Date() })).toEqual({ retried: 3, succeeded: 3, failed: 0 });
    const made = await db.select({ assigneeId: activities.assigneeId }).from(activities).where(eq(activities.automationId, world.automationId));
    expect(made).toEqual([{ assigneeId: world.memberB.id }, { assigneeId: world.memberB.id }, { assigneeId: world.memberB.id }]);
    expect(await countUnmappedOwnerRuns(db, world.admin.claims, scope)).toBe(0);
    const open = await db.select().from(notifications).where(and(eq(notifications.groupKey, "owner_unmapped:crm-new-rep"), isNull(notifications.readAt)));
    expect(open).toEqual([]);
    // Retrying again finds nothing to do.
    expect(await retryUnmappedOwnerRuns(db, world.admin.claims, { ...scope, now: new Date() })).toEqual({ retried: 0, succeeded: 0, failed: 0 });
  });
});
