// Retrying failed runs: through the real route (the run is recorded as the ingest path records it),
// then retryRun as a user. On both drivers.
import { describe, expect, it } from "vitest";
import { and, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations, notifications, runActions, workspaceMembers } from "@/db/schema";
import type { AutomationFormValues } from "@/lib/automations/schema";
import { AppError } from "@/lib/result";
import { TEST_DRIVERS } from "@/test/db";
import { CANONICAL, dealEvent, insertAutomation, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { retryRun, retryRuns } from "./retry-run";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

async function failingRun(world: World, owner: string): Promise<string> {
  const { body } = await post(signedRequest(world.source.id, dealEvent({ owner }), { secret: world.source.secret }));
  const runs = body.runs as { runId: string; status: string }[];
  expect(runs.map((run) => run.status)).toEqual(["failed"]);
  return runs[0].runId;
}

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

const scope = (world: World) => ({ workspaceId: world.workspace.id, now: new Date() });

const THREE_ACTIONS: AutomationFormValues = {
  ...CANONICAL,
  name: "Three steps",
  actions: [
    { type: "notify_user", config: { to: { kind: "automation_owner" }, message: "Heads up on {{deal.title}}" } },
    ...CANONICAL.actions,
  ],
};

describe.each(TEST_DRIVERS)("retrying failed runs on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  const fixCrmId = (world: World, userId: string, crmUserId: string) =>
    db.update(workspaceMembers).set({ crmUserId }).where(and(eq(workspaceMembers.workspaceId, world.workspace.id), eq(workspaceMembers.userId, userId)));
  const actionsOf = (runId: string) =>
    db.select({ index: runActions.actionIndex, status: runActions.status, attempts: runActions.attempts, error: runActions.error, config: runActions.config })
      .from(runActions).where(eq(runActions.runId, runId)).orderBy(runActions.actionIndex);
  const runOf = async (runId: string) =>
    (await db.select({ status: automationRuns.status, error: automationRuns.error, retryCount: automationRuns.retryCount }).from(automationRuns).where(eq(automationRuns.id, runId)))[0];
  const effectsOf = async (runId: string) => {
    const [a] = await db.select({ n: count() }).from(activities).where(eq(activities.runId, runId));
    const [n] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.runId, runId), eq(notifications.kind, "action")));
    return { activities: a.n, notifications: n.n };
  };

  it("runs only the failed action and the ones skipped after it, and records the retry", async () => {
    const world = await makeWebhookWorld(db);
    await db.update(automations).set({ isActive: false, deletedAt: new Date() }).where(eq(automations.id, world.automationId));
    const id = await insertAutomation(db, world.workspace.id, world.memberA.id, THREE_ACTIONS);
    const { body } = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-new" }), { secret: world.source.secret }));
    const runId = (body.runs as { runId: string }[])[0].runId;
    expect(await actionsOf(runId)).toMatchObject([
      { index: 0, status: "succeeded", attempts: 1, config: null },
      { index: 1, status: "failed", attempts: 1, config: { subject: "Follow up on Acme renewal" } },
      { index: 2, status: "skipped", attempts: 1, config: { message: "Acme renewal moved to Negotiation" } },
    ]);
    expect(await effectsOf(runId)).toEqual({ activities: 0, notifications: 1 });
    expect((await db.select().from(automations).where(eq(automations.id, id)))[0].consecutiveFailures).toBe(0); // an owner not mapped is the event's problem: no streak

    // Still unresolvable: the retry fails again, with the new error, and counts the attempt.
    const again = await retryRun(db, world.memberA.claims, { ...scope(world), runId });
    expect(again).toMatchObject({ status: "failed", retriedActions: 2 });
    expect(again.error).toMatch(/^Action 2 \(Create activity\): The deal owner “crm-new”/);
    expect(await runOf(runId)).toMatchObject({ status: "failed", retryCount: 1 });

    await fixCrmId(world, world.memberB.id, "crm-new");
    const fixed = await retryRun(db, world.memberA.claims, { ...scope(world), runId });
    expect(fixed).toEqual({ runId, status: "succeeded", error: null, retriedActions: 2, version: 1 });
    expect(await runOf(runId)).toEqual({ status: "succeeded", error: null, retryCount: 2 });
    expect(await actionsOf(runId)).toMatchObject([
      { index: 0, status: "succeeded", attempts: 1 },
      { index: 1, status: "succeeded", attempts: 3, error: null, config: null },
      { index: 2, status: "succeeded", attempts: 3, config: null },
    ]);
    // The first action's notification was not sent again; the others were sent once.
    expect(await effectsOf(runId)).toEqual({ activities: 1, notifications: 2 });
    const [activity] = await db.select().from(activities).where(eq(activities.runId, runId));
    expect(activity).toMatchObject({ assigneeId: world.memberB.id, subject: "Follow up on Acme renewal", actionIndex: 1 });
    expect((await db.select().from(automations).where(eq(automations.id, id)))[0].consecutiveFailures).toBe(0);
  });

  it("retried twice doubles nothing: a succeeded run is refused, and replayed writes insert no second effect", async () => {
    const world = await makeWebhookWorld(db);
    const runId = await failingRun(world, "crm-twice");
    await fixCrmId(world, world.memberB.id, "crm-twice");
    await retryRun(db, world.admin.claims, { ...scope(world), runId });
    await expectAppError(retryRun(db, world.admin.claims, { ...scope(world), runId }), "conflict");
    expect(await effectsOf(runId)).toEqual({ activities: 1, notifications: 1 });

    // As if a second retry had planned before the first committed: its effects hit the unique keys.
    await db.update(automationRuns).set({ status: "failed" }).where(eq(automationRuns.id, runId));
    await db.update(runActions).set({ status: "failed" }).where(eq(runActions.runId, runId));
    expect(await retryRun(db, world.admin.claims, { ...scope(world), runId })).toMatchObject({ status: "succeeded" });
    expect(await effectsOf(runId)).toEqual({ activities: 1, notifications: 1 });

    // Two retries at once: one wins, the other is told so; still one of each effect.
    await db.update(automationRuns).set({ status: "failed" }).where(eq(automationRuns.id, runId));
    await db.update(runActions).set({ status: "failed" }).where(eq(runActions.runId, runId));
    const both = await retryRuns(db, world.admin.claims, { workspaceId: world.workspace.id, runIds: [runId, runId], now: new Date() });
    expect(both).toHaveLength(1);
    expect(await effectsOf(runId)).toEqual({ activities: 1, notifications: 1 });
  });

  it("a member cannot retry another member's run (not found); an admin can; and a plan-time failure is not retryable", async () => {
    const world = await makeWebhookWorld(db);
    await db.update(automations).set({ isActive: false, deletedAt: new Date() }).where(eq(automations.id, world.automationId));
    await insertAutomation(db, world.workspace.id, world.memberB.id, { ...CANONICAL, name: "B's" });
    const runId = await failingRun(world, "crm-who");
    await expectAppError(retryRun(db, world.memberA.claims, { ...scope(world), runId }), "not_found");
    await expectAppError(retryRun(db, world.outsider.claims, { workspaceId: world.other.id, runId, now: new Date() }), "not_found");
    await expectAppError(retryRun(db, world.memberA.claims, { ...scope(world), runId: "not-a-uuid" }), "not_found");
    expect(await runOf(runId)).toMatchObject({ status: "failed", retryCount: 0 });
    expect(await retryRun(db, world.memberB.claims, { ...scope(world), runId })).toMatchObject({ status: "failed" });
    expect(await retryRun(db, world.admin.claims, { ...scope(world), runId })).toMatchObject({ status: "failed" });
    expect(await runOf(runId)).toMatchObject({ retryCount: 2 });

    const bulk = await retryRuns(db, world.memberA.claims, { workspaceId: world.workspace.id, runIds: [runId], now: new Date() });
    expect(bulk).toEqual([{ runId, ok: false, error: "Run not found" }]);

    await db.update(runActions).set({ status: "succeeded" }).where(eq(runActions.runId, runId));
    await expectAppError(retryRun(db, world.admin.claims, { ...scope(world), runId }), "conflict");
  });

  it("as it ran: runs the stored plan when the automation changed since the run (no version record), and the current one otherwise", async () => {
    const world = await makeWebhookWorld(db);
    const runId = await failingRun(world, "crm-v1");
    const edited = [{ ...CANONICAL.actions[0], config: { ...CANONICAL.actions[0].config, subject: "Edited: {{deal.title}}" } }, CANONICAL.actions[1]];
    await db.update(automations).set({ actions: edited, version: sql`${automations.version} + 1` }).where(eq(automations.id, world.automationId));
    await fixCrmId(world, world.memberB.id, "crm-v1");
    expect(await retryRun(db, world.admin.claims, { ...scope(world), runId, mode: "as_ran" })).toMatchObject({ status: "succeeded", version: 1 });
    const [activity] = await db.select().from(activities).where(eq(activities.runId, runId));
    expect(activity.subject).toBe("Follow up on Acme renewal");

    const current = await failingRun(world, "crm-v2");
    await fixCrmId(world, world.memberB.id, "crm-v2");
    expect(await retryRun(db, world.admin.claims, { ...scope(world), runId: current })).toMatchObject({ status: "succeeded" });
    const [second] = await db.select().from(activities).where(eq(activities.runId, current));
    expect(second.subject).toBe("Edited: Acme renewal");
  });
});
