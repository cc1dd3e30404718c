import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { getEvent } from "./get-event";
import { insertEvent, insertRun, makeHistoryWorld, type HistoryWorld } from "./history-test-support";

describe.each(TEST_DRIVERS)("one event's page on %s", (driver) => {
  let handle: DbHandle;
  let world: HistoryWorld;
  let withRunOfA: string;
  let withoutRuns: string;

  beforeAll(async () => {
    handle = await createTestDb(driver);
    world = await makeHistoryWorld(handle.db);
    const ws = world.workspace.id;
    withRunOfA = await insertEvent(handle.db, { workspaceId: ws, sourceId: world.source.id });
    await insertRun(handle.db, { workspaceId: ws, automationId: world.autoA, ownerId: world.memberA.id, eventId: withRunOfA });
    withoutRuns = await insertEvent(handle.db, { workspaceId: ws, sourceId: world.source.id });
  });
  afterAll(async () => handle?.close());

  const open = (who: HistoryWorld["admin"], eventId: string, workspaceId = world.workspace.id) => getEvent(handle.db, who.claims, { workspaceId, eventId });

  it("opens for an admin, and for a member whose automation ran on it", async () => {
    expect(await open(world.admin, withoutRuns)).toMatchObject({ id: withoutRuns, type: "deal.updated" });
    expect(await open(world.memberA, withRunOfA)).toMatchObject({ id: withRunOfA });
  });

  it("is not found for another member, another workspace, or a malformed id", async () => {
    expect(await open(world.memberB, withRunOfA)).toBeNull();
    expect(await open(world.outsider, withRunOfA, world.other.id)).toBeNull();
    expect(await open(world.admin, "not-an-id")).toBeNull();
  });
});
