// "Send test event" is marked as a test: its event has origin `test`, its runs say so in the
// lists, local effects (follow-ups, notifications) are kept, and nothing leaves the app: email and
// outbound webhook actions say "Not sent: test event" and queue no delivery. Both drivers.
import { describe, expect, it } from "vitest";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, events, notifications, outbox, runActions, workspaceMembers } from "@/db/schema";
import { NOT_SENT_TEST_EVENT } from "@/lib/actions/registry";
import { listRuns } from "@/lib/runs/list-runs";
import { retryRun } from "@/lib/runs/retry-run";
import { TEST_DRIVERS } from "@/test/db";
import { CANONICAL, insertAutomation, makeWebhookWorld, post, sendTestEventAsAdmin, signedRequest, useRouteTestDb } from "../test-support";
import { sampleNativeEvent } from "../sample-event";

const OUTBOUND = {
  ...CANONICAL,
  name: "Outbound",
  actions: [
    ...CANONICAL.actions,
    { type: "send_email" as const, config: { to: { kind: "deal_owner" as const }, subject: "About {{deal.title}}", body: "Amount {{deal.amount}}" } },
    { type: "send_webhook" as const, config: { url: "https://example.com/hook", headers: [] } },
  ],
};

describe.each(TEST_DRIVERS)("test events on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  const deliveriesOf = (runId: string) =>
    db.select({ kind: outbox.kind }).from(outbox).where(and(eq(outbox.runId, runId), isNotNull(outbox.actionIndex)));

  it("records origin test, keeps local effects and sends no email or webhook", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await insertAutomation(db, world.workspace.id, world.admin.id, OUTBOUND);
    const result = await sendTestEventAsAdmin(db, world);
    expect(result.runs).toContainEqual({ automationName: "Outbound", status: "succeeded", error: null });

    const [event] = await db.select({ origin: events.origin }).from(events).where(eq(events.sourceId, world.source.id));
    expect(event.origin).toBe("test");
    const [run] = await db.select({ id: automationRuns.id }).from(automationRuns).where(eq(automationRuns.automationId, automationId));
    const actions = await db
      .select({ type: runActions.type, status: runActions.status, output: runActions.output })
      .from(runActions)
      .where(eq(runActions.runId, run.id))
      .orderBy(runActions.actionIndex);
    expect(actions.map((action) => [action.type, action.status])).toEqual([
      ["create_activity", "succeeded"],
      ["notify_user", "succeeded"],
      ["send_email", "skipped"],
      ["send_webhook", "skipped"],
    ]);
    expect(actions[2].output).toMatchObject({ to: world.admin.email, reason: NOT_SENT_TEST_EVENT });
    expect(actions[3].output).toMatchObject({ url: "https://example.com/hook", reason: NOT_SENT_TEST_EVENT });
    expect(await deliveriesOf(run.id)).toEqual([]);
    expect(await db.select({ id: activities.id }).from(activities).where(eq(activities.runId, run.id))).toHaveLength(1);
    expect(await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.runId, run.id))).toHaveLength(1);

    const page = await listRuns(db, world.admin.claims, { workspaceId: world.workspace.id, automationId, limit: 10 });
    expect(page.runs.map((listed) => listed.origin)).toEqual(["test"]);
  });

  it("sends both for the same event from the CRM (origin webhook)", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await insertAutomation(db, world.workspace.id, world.admin.id, OUTBOUND);
    const body = sampleNativeEvent({ owner: world.admin.email, dealId: "D-REAL-1" }, new Date());
    expect((await post(signedRequest(world.source.id, body, { secret: world.source.secret }))).status).toBe(200);
    const [run] = await db.select({ id: automationRuns.id }).from(automationRuns).where(eq(automationRuns.automationId, automationId));
    expect((await deliveriesOf(run.id)).map((row) => row.kind).sort()).toEqual(["email", "webhook"]);
    const page = await listRuns(db, world.admin.claims, { workspaceId: world.workspace.id, automationId, limit: 10 });
    expect(page.runs.map((listed) => listed.origin)).toEqual(["webhook"]);
  });

  it("still fails an email action whose recipient cannot be found, and a retry sends nothing", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await insertAutomation(db, world.workspace.id, world.admin.id, {
      ...OUTBOUND,
      actions: [{ type: "send_email", config: { to: { kind: "member", userId: world.memberB.id }, subject: "S", body: "B" } }, OUTBOUND.actions[3]],
    });
    // The member leaves: the recipient no longer resolves, so the test shows the real failure.
    await db.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, world.workspace.id), eq(workspaceMembers.userId, world.memberB.id)));
    const result = await sendTestEventAsAdmin(db, world);
    expect(result.runs).toContainEqual(expect.objectContaining({ automationName: "Outbound", status: "failed" }));
    const [run] = await db.select({ id: automationRuns.id }).from(automationRuns).where(eq(automationRuns.automationId, automationId));
    await db.insert(workspaceMembers).values({ workspaceId: world.workspace.id, userId: world.memberB.id, role: "member" });
    await retryRun(db, world.admin.claims, { workspaceId: world.workspace.id, runId: run.id, now: new Date() });
    const statuses = await db.select({ status: runActions.status, output: runActions.output }).from(runActions).where(eq(runActions.runId, run.id)).orderBy(runActions.actionIndex);
    expect(statuses.map((row) => row.status)).toEqual(["skipped", "skipped"]);
    expect(statuses[0].output).toMatchObject({ reason: NOT_SENT_TEST_EVENT });
    expect(await deliveriesOf(run.id)).toEqual([]);
  });
});
