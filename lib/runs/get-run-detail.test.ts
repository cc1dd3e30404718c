// One run's detail on both drivers: what it explains (event, actions, effects) and to whom.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { activities, notifications, outbox } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { dealPayload, insertEvent, insertRun, insertRunAction, makeHistoryWorld, type HistoryWorld } from "./history-test-support";
import { getRunDetail } from "./get-run-detail";

describe.each(TEST_DRIVERS)("reading one run on %s", (driver) => {
  let handle: DbHandle;
  let world: HistoryWorld;
  let runA: string;
  let runB: string;
  let foreignRun: string;
  const trace = {
    trigger: { matched: true, reason: "stage changed from proposal to negotiation" },
    conditions: { kind: "group", match: "all", result: true, children: [{ kind: "condition", field: "deal.amount", operator: "gt", expected: 10000, actual: 12000, result: true }] },
    templates: { missing: [] },
  };
  const read = (who: keyof Pick<HistoryWorld, "admin" | "memberA" | "memberB" | "outsider">, runId: string, workspaceId = world.workspace.id) =>
    getRunDetail(handle.db, world[who].claims, { workspaceId, runId });

  beforeAll(async () => {
    handle = await createTestDb(driver);
    const db = handle.db;
    world = await makeHistoryWorld(db);
    const ws = world.workspace.id;
    const eventA = await insertEvent(db, { workspaceId: ws, sourceId: world.source.id, entityId: "D-7", payload: dealPayload("D-7", { amount: 12000 }) });
    runA = await insertRun(db, { workspaceId: ws, automationId: world.autoA, ownerId: world.memberA.id, eventId: eventA, entityId: "D-7", trace });
    await insertRunAction(db, { workspaceId: ws, runId: runA, actionIndex: 0, type: "create_activity", output: { activityId: "x" } });
    await insertRunAction(db, { workspaceId: ws, runId: runA, actionIndex: 1, type: "notify_user", output: { userEmail: world.memberA.email } });
    await insertRunAction(db, { workspaceId: ws, runId: runA, actionIndex: 2, type: "send_webhook", status: "pending", output: { outbox: "webhook" } });
    await db.insert(activities).values({
      workspaceId: ws, assigneeId: world.memberA.id, subject: "Follow up on Acme renewal", activityType: "call", dueAt: new Date("2026-11-27T10:00:00Z"),
      entityType: "deal", entityId: "D-7", automationId: world.autoA, runId: runA, actionIndex: 0,
    });
    await db.insert(notifications).values({ workspaceId: ws, userId: world.memberA.id, title: "Acme renewal moved", automationId: world.autoA, runId: runA, actionIndex: 1 });
    await db.insert(outbox).values({ workspaceId: ws, runId: runA, actionIndex: 2, kind: "webhook", payload: { url: "https://example.com/hook", body: { big: "x" } }, attempts: 2, lastError: "HTTP 503" });

    const eventB = await insertEvent(db, { workspaceId: ws, sourceId: world.source.id });
    runB = await insertRun(db, { workspaceId: ws, automationId: world.autoB, ownerId: world.memberB.id, eventId: eventB, status: "skipped" });
    const foreignEvent = await insertEvent(db, { workspaceId: world.other.id, sourceId: world.otherSource.id });
    foreignRun = await insertRun(db, { workspaceId: world.other.id, automationId: world.autoOther, ownerId: world.outsider.id, eventId: foreignEvent });
  });
  afterAll(async () => handle?.close());

  it("shows its owner the run, the event as received, each action and their own effects", async () => {
    const detail = await read("memberA", runA);
    expect(detail.run).toMatchObject({ id: runA, automationId: world.autoA, status: "succeeded", entityId: "D-7", trace });
    expect(detail.automation).toMatchObject({ id: world.autoA, name: "Member A's automation", version: 1 });
    // Members read the event their own run was about (the events policy qualifies its column).
    expect(detail.event).toMatchObject({ entityId: "D-7", payload: { entity: { data: { amount: 12000 } }, previous: { stage: "proposal" } } });
    expect(detail.actions.map((action) => [action.actionIndex, action.type, action.status])).toEqual([
      [0, "create_activity", "succeeded"],
      [1, "notify_user", "succeeded"],
      [2, "send_webhook", "pending"],
    ]);
    expect(detail.activities).toMatchObject([{ actionIndex: 0, subject: "Follow up on Acme renewal", assigneeEmail: world.memberA.email }]);
    expect(detail.notifications).toMatchObject([{ actionIndex: 1, title: "Acme renewal moved" }]);
    // Their run's deliveries are shown under its actions.
    expect(detail.deliveries).toMatchObject([{ actionIndex: 2, kind: "webhook", status: "pending", attemptLog: [] }]);
  });

  it("shows an admin the deliveries with their attempts, where they go but not their body", async () => {
    const detail = await read("admin", runA);
    expect(detail.deliveries).toEqual([
      expect.objectContaining({ actionIndex: 2, kind: "webhook", status: "pending", attempts: 2, lastError: "HTTP 503", target: "https://example.com/hook" }),
    ]);
    expect(detail.activities).toHaveLength(1);
    // A notification is its recipient's only.
    expect(detail.notifications).toEqual([]);
  });

  it("is not found for another member, another workspace, a wrong workspace or a malformed id", async () => {
    await expect(read("memberB", runA)).rejects.toMatchObject({ code: "not_found" });
    await expect(read("memberA", runB)).rejects.toMatchObject({ code: "not_found" });
    await expect(read("outsider", runA)).rejects.toMatchObject({ code: "not_found" });
    await expect(read("admin", foreignRun)).rejects.toMatchObject({ code: "not_found" });
    await expect(read("outsider", foreignRun, world.workspace.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(read("admin", "../etc/passwd")).rejects.toMatchObject({ code: "not_found" });
    expect((await read("memberB", runB)).run.status).toBe("skipped");
    expect((await read("outsider", foreignRun, world.other.id)).run.id).toBe(foreignRun);
  });
});
