// Retrying with the current version (issue 22 item 3): re-planned on the edited automation, the
// version recorded on the run and in its attempts, unchanged succeeded actions kept, changed ones run
// again, and a version that would not run on the event refused. On both drivers, as the route records.
import { describe, expect, it } from "vitest";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations, automationVersions, notifications, runActions, runAttempts } from "@/db/schema";
import { pgErrorCode } from "@/db/pg-error";
import { withUser } from "@/db/with-user";
import type { AutomationFormValues } from "@/lib/automations/schema";
import { AppError } from "@/lib/result";
import { TEST_DRIVERS } from "@/test/db";
import { CANONICAL, dealEvent, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { previewRetry, retryRun, retryRuns } from "./retry-run";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

const NOTIFY_FIRST: AutomationFormValues["actions"] = [
  { type: "notify_user", config: { to: { kind: "automation_owner" }, message: "Heads up on {{deal.title}}" } },
  ...CANONICAL.actions,
];

const scope = (world: World) => ({ workspaceId: world.workspace.id, now: new Date() });

describe.each(TEST_DRIVERS)("retrying with the current version on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  /** Sets the automation's definition as version `version`, recording it as the editor does. */
  async function saveVersion(world: World, version: number, actions: unknown[], conditions: unknown = null) {
    await db.update(automations).set({ actions, conditions, version }).where(eq(automations.id, world.automationId));
    await db.insert(automationVersions).values({ automationId: world.automationId, workspaceId: world.workspace.id, version, name: CANONICAL.name, trigger: CANONICAL.trigger, conditions, actions, authorId: world.admin.id });
  }

  async function failedRun(world: World): Promise<string> {
    await db.delete(automationVersions).where(eq(automationVersions.automationId, world.automationId));
    await saveVersion(world, 1, NOTIFY_FIRST);
    const { body } = await post(signedRequest(world.source.id, dealEvent({ owner: "crm-nobody" }), { secret: world.source.secret }));
    const runs = body.runs as { runId: string; status: string }[];
    expect(runs.map((run) => run.status)).toEqual(["failed"]);
    return runs[0].runId;
  }

  const attemptsOf = (runId: string) =>
    db.select({ attempt: runAttempts.attempt, version: runAttempts.automationVersion, mode: runAttempts.mode, status: runAttempts.status, actions: runAttempts.actions }).from(runAttempts).where(eq(runAttempts.runId, runId)).orderBy(asc(runAttempts.attempt));
  const notificationsOf = (runId: string) =>
    db.select({ actionIndex: notifications.actionIndex, title: notifications.title }).from(notifications).where(and(eq(notifications.runId, runId), eq(notifications.kind, "action"))).orderBy(asc(notifications.createdAt));

  it("keeps the unchanged succeeded action, runs the fixed one with the current version, and records the version and the attempts", async () => {
    const world = await makeWebhookWorld(db);
    const runId = await failedRun(world);
    // Version 2: the follow-up goes to the automation's owner instead of the unknown deal owner.
    const fixed = [NOTIFY_FIRST[0], { ...NOTIFY_FIRST[1], config: { ...NOTIFY_FIRST[1].config, assignee: { kind: "automation_owner" } } }, { ...NOTIFY_FIRST[2], config: { ...NOTIFY_FIRST[2].config, to: { kind: "automation_owner" } } }];
    await saveVersion(world, 2, fixed);

    const preview = await previewRetry(db, world.admin.claims, { ...scope(world), runId });
    expect(preview).toMatchObject({ mode: "current", version: 2, ranVersion: 1, currentVersion: 2, blocked: null });
    expect(preview.steps.map((s) => [s.label, s.what, s.person, s.problem])).toEqual([
      ["Action 1 (Notify user)", "keep", null, null],
      ["Action 2 (Create activity)", "run", world.admin.email, null],
      ["Action 3 (Notify user)", "run", world.admin.email, null],
    ]);
    // "As it ran" would run version 1 again, and says it will fail and why.
    const asRan = await previewRetry(db, world.admin.claims, { ...scope(world), runId, mode: "as_ran" });
    expect(asRan).toMatchObject({ mode: "as_ran", version: 1 });
    expect(asRan.steps[0].problem).toMatch(/The deal owner “crm-nobody” is not a member/);

    expect(await retryRun(db, world.admin.claims, { ...scope(world), runId })).toEqual({ runId, status: "succeeded", error: null, retriedActions: 2, version: 2 });
    const [run] = await db.select({ version: automationRuns.automationVersion, status: automationRuns.status }).from(automationRuns).where(eq(automationRuns.id, runId));
    expect(run).toEqual({ version: 2, status: "succeeded" });
    expect(await attemptsOf(runId)).toEqual([
      { attempt: 1, version: 1, mode: "original", status: "failed", actions: [{ index: 0, type: "notify_user", status: "succeeded" }, { index: 1, type: "create_activity", status: "failed" }, { index: 2, type: "notify_user", status: "skipped" }] },
      { attempt: 2, version: 2, mode: "current", status: "succeeded", actions: [{ index: 0, type: "notify_user", status: "kept" }, { index: 1, type: "create_activity", status: "succeeded" }, { index: 2, type: "notify_user", status: "succeeded" }] },
    ]);
    // The heads-up was not sent twice; the follow-up went to the automation's owner.
    expect((await notificationsOf(runId)).map((n) => n.actionIndex)).toEqual([0, 2]);
    const [activity] = await db.select({ assigneeId: activities.assigneeId }).from(activities).where(eq(activities.runId, runId));
    expect(activity.assigneeId).toBe(world.admin.id);
  });

  it("runs a succeeded action again when the current version changed it, keeping the earlier effect detached", async () => {
    const world = await makeWebhookWorld(db);
    const runId = await failedRun(world);
    const changed = [
      { ...NOTIFY_FIRST[0], config: { to: { kind: "automation_owner" }, message: "Changed: {{deal.title}}" } },
      { ...NOTIFY_FIRST[1], config: { ...NOTIFY_FIRST[1].config, assignee: { kind: "automation_owner" } } },
    ];
    await saveVersion(world, 2, changed);
    const preview = await previewRetry(db, world.admin.claims, { ...scope(world), runId });
    expect(preview.steps.map((s) => s.what)).toEqual(["run", "run"]);
    expect(await retryRun(db, world.admin.claims, { ...scope(world), runId })).toMatchObject({ status: "succeeded", version: 2 });
    const sent = await notificationsOf(runId);
    expect(sent).toHaveLength(2);
    expect(sent.find((n) => n.actionIndex === null)).toBeDefined();
    expect(sent.find((n) => n.actionIndex === 0)).toBeDefined();
    // Version 2 has two actions: the run's third (skipped) one is marked as not in this version.
    const actions = await db.select({ index: runActions.actionIndex, status: runActions.status, output: runActions.output }).from(runActions).where(eq(runActions.runId, runId)).orderBy(asc(runActions.actionIndex));
    expect(actions).toEqual([
      { index: 0, status: "succeeded", output: expect.any(Object) },
      { index: 1, status: "succeeded", output: expect.any(Object) },
      { index: 2, status: "skipped", output: { reason: "Not in version 2" } },
    ]);
    expect((await attemptsOf(runId))[1].actions).toContainEqual({ index: 2, type: "notify_user", status: "dropped" });
  });

  it("refuses, changing nothing, when the current version would not run on the event", async () => {
    const world = await makeWebhookWorld(db);
    const runId = await failedRun(world);
    await saveVersion(world, 2, NOTIFY_FIRST, { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 1_000_000 }] });
    const preview = await previewRetry(db, world.admin.claims, { ...scope(world), runId });
    expect(preview.blocked).toBe("Version 2 would not run on this event: its conditions are not met by this event.");
    const error = await retryRun(db, world.admin.claims, { ...scope(world), runId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe(preview.blocked);
    expect(await attemptsOf(runId)).toEqual([]);
    const [run] = await db.select({ version: automationRuns.automationVersion, retryCount: automationRuns.retryCount }).from(automationRuns).where(eq(automationRuns.id, runId));
    expect(run).toEqual({ version: 1, retryCount: 0 });
    // Bulk retry takes the same choice, and reports the refusal per run.
    expect(await retryRuns(db, world.admin.claims, { ...scope(world), runIds: [runId], mode: "current" })).toEqual([{ runId, ok: false, error: preview.blocked }]);
  });

  it("attempts are visible as the run is: to admins and the automation's owner, not to other members, outsiders or anon", async () => {
    const world = await makeWebhookWorld(db);
    const runId = await failedRun(world);
    await saveVersion(world, 2, [NOTIFY_FIRST[0], { ...NOTIFY_FIRST[1], config: { ...NOTIFY_FIRST[1].config, assignee: { kind: "automation_owner" } } }]);
    await retryRun(db, world.admin.claims, { ...scope(world), runId });
    const visible = (claims: Parameters<typeof withUser>[1]) => withUser(db, claims, (tx) => tx.select({ attempt: runAttempts.attempt }).from(runAttempts).where(eq(runAttempts.runId, runId)));
    expect(await visible(world.admin.claims)).toHaveLength(2);
    expect(await visible(world.memberA.claims)).toHaveLength(0);
    expect(await visible(world.outsider.claims)).toHaveLength(0);
    expect(await visible(null)).toHaveLength(0);
    // Nobody writes an attempt as a user.
    const write = withUser(db, world.admin.claims, (tx) => tx.insert(runAttempts).values({ runId, workspaceId: world.workspace.id, attempt: 9, automationVersion: 1, mode: "as_ran", status: "failed" }));
    expect(pgErrorCode(await write.then(() => null, (error: unknown) => error))).toBe("42501");
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.runId, runId), eq(notifications.kind, "action"), isNull(notifications.actionIndex)))).toEqual([{ n: 0 }]);
  });
});
