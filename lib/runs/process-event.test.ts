// What an accepted event does: which automations run, what each run records and what it leaves
// behind. Through the real route handler with signed requests, on both drivers.
import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations, notifications, outbox, runActions, workspaceMembers } from "@/db/schema";
import type { AutomationFormValues } from "@/lib/automations/schema";
import { TEST_DRIVERS } from "@/test/db";
import { CANONICAL, dealEvent, insertAutomation, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { loadActiveAutomations } from "./load-active-automations";
import { MAX_CONSECUTIVE_FAILURES } from "./record-event";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

function send(world: World, body: unknown) {
  return post(signedRequest(world.source.id, body, { secret: world.source.secret }));
}

function runsOf(db: Db, automationId: string) {
  return db
    .select({ id: automationRuns.id, status: automationRuns.status, error: automationRuns.error, version: automationRuns.automationVersion })
    .from(automationRuns)
    .where(eq(automationRuns.automationId, automationId))
    .orderBy(automationRuns.createdAt);
}

function actionsOf(db: Db, runId: string) {
  return db
    .select({ index: runActions.actionIndex, type: runActions.type, status: runActions.status, error: runActions.error, output: runActions.output })
    .from(runActions)
    .where(eq(runActions.runId, runId))
    .orderBy(runActions.actionIndex);
}

const withActions = (actions: AutomationFormValues["actions"], name = "Custom"): AutomationFormValues => ({ ...CANONICAL, name, actions });

describe.each(TEST_DRIVERS)("processing an accepted event on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("never runs another workspace's automations", async () => {
    const world = await makeWebhookWorld(db);
    const foreign = await insertAutomation(db, world.other.id, world.outsider.id);
    const { body } = await send(world, dealEvent());
    expect(body.runs).toMatchObject([{ automationId: world.automationId }]);
    expect(await runsOf(db, foreign)).toEqual([]);
  });

  it("never runs a deactivated automation, even right after it was cached: it records a missed run instead", async () => {
    const world = await makeWebhookWorld(db);
    const second = await insertAutomation(db, world.workspace.id, world.memberA.id, { ...CANONICAL, name: "Second" });
    expect((await send(world, dealEvent())).body.runs).toHaveLength(2);
    // Switched off behind the cache's back, as another server process would.
    await db.update(automations).set({ isActive: false, updatedAt: sql`now()` }).where(eq(automations.id, second));
    const { body } = await send(world, dealEvent());
    expect(body.runs).toMatchObject([{ automationId: world.automationId, status: "succeeded" }, { automationId: second, status: "missed" }]);
    const runs = await runsOf(db, second);
    expect(runs.map((run) => run.status)).toEqual(["succeeded", "missed"]);
    expect(await db.select().from(runActions).where(eq(runActions.runId, runs[1].id))).toEqual([]);
    // A stage change to another stage does not trigger it: nothing is recorded for it.
    await send(world, dealEvent({ stage: "proposal", previousStage: "lead" }));
    expect(await runsOf(db, second)).toHaveLength(2);
  });

  it("runs the newest version of an edited automation, and a new automation at once", async () => {
    const world = await makeWebhookWorld(db);
    await send(world, dealEvent());
    await db
      .update(automations)
      .set({ version: 2, actions: withActions([{ type: "notify_user", config: { to: { kind: "deal_owner" }, message: "v2 {{deal.title}}" } }]).actions })
      .where(eq(automations.id, world.automationId));
    const added = await insertAutomation(db, world.workspace.id, world.admin.id, { ...CANONICAL, name: "Added" });
    const { body } = await send(world, dealEvent({ title: "Edited" }));
    expect((body.runs as Array<{ automationId: string }>).map((r) => r.automationId).sort()).toEqual([world.automationId, added].sort());
    expect((await runsOf(db, world.automationId)).map((r) => r.version)).toEqual([1, 2]);
    const titles = await db.select({ title: notifications.title }).from(notifications).where(eq(notifications.automationId, world.automationId));
    expect(titles.map((t) => t.title).sort()).toEqual(["Acme renewal moved to Negotiation", "v2 Edited"]);
  });

  it("loads only active automations of the event's trigger types", async () => {
    const world = await makeWebhookWorld(db);
    await insertAutomation(db, world.workspace.id, world.admin.id, { ...CANONICAL, name: "Contact", trigger: { type: "contact.created" } });
    await insertAutomation(db, world.workspace.id, world.admin.id, { ...CANONICAL, name: "Off" }, false);
    const won = await insertAutomation(db, world.workspace.id, world.admin.id, { ...CANONICAL, name: "Won", trigger: { type: "deal.won" } });
    const loaded = await loadActiveAutomations(db, world.workspace.id, "deal.updated");
    expect(loaded.automations.map((a) => a.id).sort()).toEqual([world.automationId, won].sort());
    expect((await loadActiveAutomations(db, world.workspace.id, "organization.deleted")).automations).toEqual([]);
  });

  it("reads them through the partial index on (workspace_id, trigger_type)", async () => {
    const world = await makeWebhookWorld(db);
    const plan = await db.transaction(async (tx) => {
      // The tables are tiny, so the planner would rightly scan them; forbid that to see the index path.
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute(sql`explain select id from automations
        where workspace_id = ${world.workspace.id}::uuid and is_active and trigger_type in ('deal.updated', 'deal.stage_changed')`);
    });
    const text = JSON.stringify(plan);
    expect(text).toContain("automations_active_by_trigger_idx");
  });

  it("stops a run beyond causation depth 3 and executes nothing", async () => {
    const world = await makeWebhookWorld(db);
    const deep = await send(world, dealEvent({ causation: { automation_id: world.automationId, depth: 4 } }));
    expect(deep.body.runs).toMatchObject([{ automationId: world.automationId, status: "stopped", error: expect.stringContaining("loop protection") }]);
    const [stopped] = await runsOf(db, world.automationId);
    expect(await actionsOf(db, stopped.id)).toEqual([]);
    expect(await db.select().from(activities).where(eq(activities.workspaceId, world.workspace.id))).toEqual([]);

    const allowed = await send(world, dealEvent({ causation: { automation_id: world.automationId, depth: 3 } }));
    expect(allowed.body.runs).toMatchObject([{ status: "succeeded" }]);
  });

  it("records a skipped run when the conditions are false", async () => {
    const world = await makeWebhookWorld(db);
    const big = await insertAutomation(db, world.workspace.id, world.admin.id, {
      ...CANONICAL,
      name: "Big deals",
      conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 50000 }] },
    });
    const { body } = await send(world, dealEvent({ amount: 100 }));
    expect(body.runs).toContainEqual(expect.objectContaining({ automationId: big, status: "skipped" }));
    const [run] = await db.select().from(automationRuns).where(eq(automationRuns.automationId, big));
    expect(run.trace).toMatchObject({ conditions: { result: false } });
    expect(await actionsOf(db, run.id)).toEqual([]);
  });

  it("sees a member's new CRM user id at once, though members are cached", async () => {
    const world = await makeWebhookWorld(db);
    await send(world, dealEvent({ owner: "crm-a" }));
    await db.update(workspaceMembers).set({ crmUserId: "crm-renamed" }).where(eq(workspaceMembers.userId, world.memberB.id));
    const { body } = await send(world, dealEvent({ owner: "crm-renamed" }));
    expect(body.runs).toMatchObject([{ status: "succeeded" }]);
    const assignees = await db.select({ id: activities.assigneeId }).from(activities).where(eq(activities.workspaceId, world.workspace.id));
    expect(assignees.map((a) => a.id).sort()).toEqual([world.memberA.id, world.memberB.id].sort());
  });

  it("resolves the deal owner by email too", async () => {
    const world = await makeWebhookWorld(db);
    await send(world, dealEvent({ owner: world.memberB.email.toUpperCase() }));
    const [activity] = await db.select().from(activities).where(eq(activities.workspaceId, world.workspace.id));
    expect(activity.assigneeId).toBe(world.memberB.id);
  });

  it("fails the action when the deal owner is not a member, skips the rest, and the other automations still run", async () => {
    const world = await makeWebhookWorld(db);
    const mine = await insertAutomation(db, world.workspace.id, world.memberA.id, withActions([
      { type: "notify_user", config: { to: { kind: "automation_owner" }, message: "Deal {{deal.title}} moved" } },
    ], "Notify me"));
    // The outsider's CRM id belongs to another workspace: it must not resolve here.
    const { body } = await send(world, dealEvent({ owner: "crm-nobody" }));
    expect(body.runs).toEqual(expect.arrayContaining([
      expect.objectContaining({ automationId: world.automationId, status: "failed", error: expect.stringContaining("Action 1 (Create activity): The deal owner “crm-nobody” is not a member") }),
      expect.objectContaining({ automationId: mine, status: "succeeded" }),
    ]));
    const [run] = await runsOf(db, world.automationId);
    expect(await actionsOf(db, run.id)).toMatchObject([
      { index: 0, status: "failed", error: expect.stringContaining("set it on the Members page") },
      { index: 1, status: "skipped", error: null },
    ]);
    expect(await db.select().from(activities).where(eq(activities.workspaceId, world.workspace.id))).toEqual([]);
    const [note] = await db.select().from(notifications).where(eq(notifications.automationId, mine));
    expect(note.userId).toBe(world.memberA.id);
  });

  it("fails a run whose automation has an unknown action, with the reason", async () => {
    const world = await makeWebhookWorld(db);
    const [broken] = await db
      .insert(automations)
      .values({ workspaceId: world.workspace.id, ownerId: world.admin.id, name: "Broken", trigger: CANONICAL.trigger, triggerType: "deal.stage_changed", actions: [{ type: "fax", config: {} }] })
      .returning({ id: automations.id });
    const { body } = await send(world, dealEvent());
    expect(body.runs).toContainEqual(expect.objectContaining({ automationId: broken.id, status: "failed", error: "Action 1: unknown action “fax”" }));
    expect(body.runs).toContainEqual(expect.objectContaining({ automationId: world.automationId, status: "succeeded" }));
  });

  it("queues email and webhook actions in the outbox as pending", async () => {
    const world = await makeWebhookWorld(db);
    const id = await insertAutomation(db, world.workspace.id, world.admin.id, withActions([
      { type: "send_email", config: { to: { kind: "deal_owner" }, subject: "About {{deal.title}}", body: "Amount {{deal.amount}}" } },
      { type: "send_webhook", config: { url: "https://example.com/hook", headers: [] } },
    ], "Outbound"));
    const { body } = await send(world, dealEvent({ causation: { automation_id: "elsewhere", depth: 1 } }));
    expect(body.runs).toContainEqual(expect.objectContaining({ automationId: id, status: "succeeded" }));
    const [run] = await runsOf(db, id);
    expect(await actionsOf(db, run.id)).toMatchObject([
      { type: "send_email", status: "pending", output: { outbox: "email", to: world.memberA.email } },
      { type: "send_webhook", status: "pending", output: { outbox: "webhook", url: "https://example.com/hook" } },
    ]);
    const rows = await db.select().from(outbox).where(eq(outbox.runId, run.id)).orderBy(outbox.actionIndex);
    expect(rows.map((r) => [r.kind, r.status, r.actionIndex])).toEqual([["email", "pending", 0], ["webhook", "pending", 1]]);
    expect(rows[0].payload).toMatchObject({ to: world.memberA.email, subject: "About Acme renewal", body: "Amount 12,000" });
    expect(rows[1].payload).toMatchObject({ url: "https://example.com/hook", body: { causation: { automation_id: id, depth: 2 } } });
  });

  it(`turns an automation off after ${MAX_CONSECUTIVE_FAILURES} failed runs in a row and alerts its owner once`, async () => {
    const world = await makeWebhookWorld(db);
    // An unknown owner alone is the event's problem; a fallback naming a removed member is the automation's.
    const [canonical] = withActions(CANONICAL.actions).actions;
    const broken = { ...canonical, config: { ...canonical.config, ifOwnerMissing: { kind: "member", userId: "00000000-0000-4000-8000-000000000001" } } };
    await db.update(automations).set({ actions: [broken], version: 2 }).where(eq(automations.id, world.automationId));
    const state = () => db.select({ isActive: automations.isActive, failures: automations.consecutiveFailures, reason: automations.disabledReason })
      .from(automations).where(eq(automations.id, world.automationId));

    for (let i = 0; i < 3; i++) await send(world, dealEvent({ owner: "crm-nobody" }));
    expect(await state()).toEqual([{ isActive: true, failures: 3, reason: null }]);
    await send(world, dealEvent({ owner: "crm-a" }));
    expect((await state())[0].failures).toBe(0);

    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES; i++) await send(world, dealEvent({ owner: "crm-nobody" }));
    const [off] = await state();
    expect(off).toMatchObject({ isActive: false, failures: 5 });
    expect(off.reason).toMatch(/^Turned off after 5 failed runs in a row\. Last error: Action 1 \(Create activity\): The deal owner “crm-nobody”/);
    // Each failure also alerts (drizzle/0023): one grouped alert per cause while unread, 3 + 5 failures.
    const alerts = await db.select().from(notifications).where(and(eq(notifications.automationId, world.automationId), eq(notifications.kind, "alert")));
    const turnedOff = alerts.filter((alert) => alert.link === `/settings/automations/${world.automationId}`);
    expect(turnedOff).toHaveLength(1);
    expect(turnedOff[0]).toMatchObject({ userId: world.admin.id, title: "Automation “Negotiation follow-up” was turned off", body: off.reason });
    expect(alerts.filter((alert) => alert.title.startsWith("Automation “Negotiation follow-up” failed")).map((a) => [a.title, a.groupCount])).toEqual([
      ["Automation “Negotiation follow-up” failed 8 times", 8],
    ]);

    // Off means off: the next event does not run it, only records that it was missed.
    const { body } = await send(world, dealEvent({ owner: "crm-a" }));
    expect(body.runs).toMatchObject([{ automationId: world.automationId, status: "missed" }]);
    expect(await runsOf(db, world.automationId)).toHaveLength(3 + 1 + 5 + 1);
  });
});
