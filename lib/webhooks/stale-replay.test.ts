// Issue 26 section 4 and the delivery log's reasons: an event older than the entity's last known
// change, or about a deleted entity, is recorded and its runs skipped as stale (decided in the
// event's write, under the snapshot's row lock); `"replay": true` records and updates the snapshot
// but runs nothing; an accepted delivery keeps its body's first characters and, when nothing ran,
// why. Through the real route, on both drivers.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, entitySnapshots, events, inboundDeliveries } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { CANONICAL, dealEvent, insertAutomation, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "./test-support";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

function change(id: string, at: string, from: string, to: string, type = "deal.updated") {
  const body = dealEvent({ stage: to, previousStage: from });
  return { ...body, type, occurred_at: at, entity: { ...body.entity, id } };
}

const send = async (world: World, body: unknown, id?: string) => post(signedRequest(world.source.id, body, { secret: world.source.secret, id }));

describe.each(TEST_DRIVERS)("stale and replayed events on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  const activitiesOf = (world: World) => db.select().from(activities).where(eq(activities.automationId, world.automationId));

  it("skips a late change as stale, with the newer change's time in the trace", async () => {
    const world = await makeWebhookWorld(db);
    const closed = await send(world, change("D-late", "2026-11-25T10:05:00Z", "negotiation", "closed"));
    expect(closed.body.runs).toEqual([]);
    const late = await send(world, change("D-late", "2026-11-25T10:00:00Z", "proposal", "negotiation"));
    expect(late.status).toBe(200);
    expect(late.body.runs).toMatchObject([{ status: "skipped", error: "Stale: a newer change from 2026-11-25 10:05:00 UTC was already processed" }]);
    const [run] = await db.select({ status: automationRuns.status, trace: automationRuns.trace }).from(automationRuns).where(eq(automationRuns.automationId, world.automationId));
    expect(run).toMatchObject({ status: "skipped", trace: { stale: { reason: "a newer change from 2026-11-25 10:05:00 UTC was already processed" } } });
    expect(await activitiesOf(world)).toEqual([]);
    // The snapshot keeps the newer state.
    const [snapshot] = await db.select({ data: entitySnapshots.data }).from(entitySnapshots).where(eq(entitySnapshots.entityId, "D-late"));
    expect(snapshot.data).toMatchObject({ stage: "closed" });
  });

  it("ends an entity with its delete: a later update is skipped until it is created again", async () => {
    const world = await makeWebhookWorld(db);
    await send(world, change("D-gone", "2026-11-25T10:00:00Z", "lead", "proposal", "deal.deleted"));
    const after = await send(world, change("D-gone", "2026-11-25T10:10:00Z", "proposal", "negotiation"));
    expect(after.body.runs).toMatchObject([{ status: "skipped", error: "Stale: the deal was deleted (2026-11-25 10:00:00 UTC) and has not been created again" }]);
    await send(world, change("D-gone", "2026-11-25T10:20:00Z", "lead", "lead", "deal.created"));
    const revived = await send(world, change("D-gone", "2026-11-25T10:30:00Z", "proposal", "negotiation"));
    expect(revived.body.runs).toMatchObject([{ status: "succeeded" }]);
    expect(await activitiesOf(world)).toHaveLength(1);
  });

  it("records a replayed event and its snapshot, runs nothing, and claims its webhook-id", async () => {
    const world = await makeWebhookWorld(db);
    const body = { ...change("D-replay", "2026-11-20T09:00:00Z", "proposal", "negotiation"), replay: true };
    const first = await send(world, body, "msg_replay_1");
    expect(first.body).toMatchObject({ duplicate: false, runs: [] });
    const [event] = await db.select({ origin: events.origin }).from(events).where(eq(events.entityId, "D-replay"));
    expect(event.origin).toBe("replay");
    const [snapshot] = await db.select({ data: entitySnapshots.data }).from(entitySnapshots).where(eq(entitySnapshots.entityId, "D-replay"));
    expect(snapshot.data).toMatchObject({ stage: "negotiation" });
    expect(await activitiesOf(world)).toEqual([]);
    // The same webhook-id again, even without the flag, is a duplicate: nothing runs.
    const again = await send(world, { ...body, replay: false }, "msg_replay_1");
    expect(again.body).toMatchObject({ duplicate: true, runs: [] });
    expect(await activitiesOf(world)).toEqual([]);
    // A flag that is not a boolean is refused, and nothing is recorded.
    const bad = await send(world, { ...body, replay: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: "replay", message: "replay must be true or false" }]);
  });

  it("says on the delivery log why nothing ran, and keeps the first characters of every accepted body", async () => {
    const world = await makeWebhookWorld(db);
    const deliveries = () =>
      db.select({ reason: inboundDeliveries.reason, snippet: inboundDeliveries.snippet, id: inboundDeliveries.id }).from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, world.source.id)).orderBy(inboundDeliveries.id);
    await send(world, dealEvent());
    await send(world, { ...dealEvent(), type: "deal.created", previous: null });
    await send(world, dealEvent({ stage: "proposal", previousStage: "proposal" }));
    await insertAutomation(db, world.workspace.id, world.admin.id, { ...CANONICAL, name: "Second" });
    await send(world, dealEvent({ stage: "proposal", previousStage: "proposal" }));
    await send(world, dealEvent({ stage: "won", previousStage: "negotiation" }));
    const rows = await deliveries();
    expect(rows.map((row) => row.reason)).toEqual([
      null,
      "no active automation listens to deal.created",
      "1 listens; it did not match: stage did not change",
      "2 listen; neither matched: stage did not change",
      "2 listen; neither matched: stage changed to won, not negotiation",
    ]);
    for (const row of rows) expect(row.snippet).toMatch(/^\{"type":"deal\.(updated|created)"/);
  });
});
