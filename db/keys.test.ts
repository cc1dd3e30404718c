// The composite keys of drizzle/0011: a run's workspace is its automation's, an event's and a
// delivery log entry's the source's, and deleting a workspace still removes its whole history
// through them. On both drivers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { automationRuns, events, inboundDeliveries, runActions, workspaces } from "@/db/schema";
import { pgErrorCode } from "@/lib/auth/pg-error";
import { insertEvent, insertRun, insertRunAction, makeHistoryWorld } from "@/lib/runs/history-test-support";
import { createTestDb, TEST_DRIVERS } from "@/test/db";

async function refusal(write: Promise<unknown>): Promise<string | undefined> {
  try {
    await write;
  } catch (error) {
    return pgErrorCode(error);
  }
  return "accepted";
}

describe.each(TEST_DRIVERS)("history keys on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("refuses a run filed under another workspace than its automation's, and writes nothing", async () => {
    const db = handle.db;
    const world = await makeHistoryWorld(db);
    const eventId = await insertEvent(db, { workspaceId: world.workspace.id, sourceId: world.source.id });
    const seed = { automationId: world.autoAdmin, ownerId: world.admin.id, eventId };

    expect(await refusal(insertRun(db, { ...seed, workspaceId: world.other.id }))).toBe("23503");
    const [{ n }] = await db.select({ n: count() }).from(automationRuns).where(eq(automationRuns.eventId, eventId));
    expect(n).toBe(0);
    expect(await refusal(insertRun(db, { ...seed, workspaceId: world.workspace.id }))).toBe("accepted");
  });

  it("refuses an event or a delivery log entry filed under another workspace than its source's", async () => {
    const db = handle.db;
    const world = await makeHistoryWorld(db);
    expect(await refusal(insertEvent(db, { workspaceId: world.other.id, sourceId: world.source.id }))).toBe("23503");
    const delivery = (workspaceId: string) =>
      db.insert(inboundDeliveries).values({ workspaceId, sourceId: world.source.id, outcome: "rejected", httpStatus: 401, reason: "bad signature" });
    expect(await refusal(delivery(world.other.id))).toBe("23503");
    expect(await refusal(delivery(world.workspace.id))).toBe("accepted");
    const [{ n }] = await db.select({ n: count() }).from(events).where(eq(events.sourceId, world.source.id));
    expect(n).toBe(0);
  });

  it("still removes a deleted workspace's events, deliveries, runs and run actions, and leaves the other workspace's", async () => {
    const db = handle.db;
    const world = await makeHistoryWorld(db);
    const write = async (workspaceId: string, sourceId: string, automationId: string, ownerId: string) => {
      const eventId = await insertEvent(db, { workspaceId, sourceId });
      await db.insert(inboundDeliveries).values({ workspaceId, sourceId, outcome: "accepted", httpStatus: 200, eventId });
      const runId = await insertRun(db, { workspaceId, automationId, ownerId, eventId });
      await insertRunAction(db, { workspaceId, runId, actionIndex: 0 });
    };
    await write(world.workspace.id, world.source.id, world.autoA, world.memberA.id);
    await write(world.other.id, world.otherSource.id, world.autoOther, world.outsider.id);

    await db.delete(workspaces).where(eq(workspaces.id, world.workspace.id));

    for (const table of [events, inboundDeliveries, automationRuns, runActions]) {
      const [gone] = await db.select({ n: count() }).from(table).where(eq(table.workspaceId, world.workspace.id));
      const [kept] = await db.select({ n: count() }).from(table).where(eq(table.workspaceId, world.other.id));
      expect([gone.n, kept.n]).toEqual([0, 1]);
    }
  });
});
