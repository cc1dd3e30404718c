// Group commit of accepted events (write-batcher.ts, drizzle/0010): events that are ready while
// earlier writes are in flight share one call, each still gets its own outcome, and one event's
// failure is never another's. On both drivers, with real records.
import { describe, expect, it } from "vitest";
import { count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, events, inboundDeliveries } from "@/db/schema";
import { loadWorkspaceDirectory } from "@/lib/actions/load-workspace-directory";
import { pgErrorCode } from "@/lib/auth/pg-error";
import { fromNativeBody } from "@/lib/webhooks/adapters";
import { nativeEventSchema } from "@/lib/engine/event";
import { TEST_DRIVERS } from "@/test/db";
import { dealEvent, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { loadActiveAutomations } from "./load-active-automations";
import { ownerInfo } from "./process-event";
import { eventWritePayload, type RecordEventParams } from "./record-event";
import { runAutomations } from "./run-automations";
import { MAX_IN_FLIGHT, submitEventWrite, writeBatchStats } from "./write-batcher";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

/** One planned event of the world's source, as the ingest path would hand it to the writer. */
async function plannedEvent(db: Db, world: World, externalId: string): Promise<RecordEventParams> {
  const event = fromNativeBody(nativeEventSchema.parse(dealEvent()));
  const active = await loadActiveAutomations(db, world.workspace.id, event.type);
  const directory = await loadWorkspaceDirectory(db, world.workspace.id);
  const now = new Date();
  const eventId = crypto.randomUUID();
  const { runs, effects } = runAutomations({
    now,
    workspaceId: world.workspace.id,
    eventId,
    event,
    automations: active.automations,
    users: directory.users,
    planOptions: { owner: ownerInfo(directory.users, event) },
  });
  return {
    eventId,
    workspaceId: world.workspace.id,
    sourceId: world.source.id,
    externalId,
    event,
    now,
    automationsStamp: active.stamp,
    triggerTypes: active.triggerTypes,
    membersStamp: directory.stamp,
    runs,
    effects,
  };
}

const submit = (db: Db, params: RecordEventParams) => submitEventWrite(db, JSON.stringify(eventWritePayload(params)));

describe.each(TEST_DRIVERS)("writing accepted events together on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("writes the events that queue behind the writes in flight in one call, each with its own outcome", async () => {
    const world = await makeWebhookWorld(db);
    const planned = await Promise.all(Array.from({ length: MAX_IN_FLIGHT + 6 }, (_, i) => plannedEvent(db, world, `batch-${i}`)));
    const before = writeBatchStats(db);
    // Submitted in one tick: the first MAX_IN_FLIGHT go at once, the other six wait and leave together.
    const outcomes = await Promise.all(planned.map((params) => submit(db, params)));
    const after = writeBatchStats(db);

    expect(outcomes).toEqual(planned.map(() => ({ status: "recorded", disabled: 0 })));
    expect(after.calls - before.calls).toBe(MAX_IN_FLIGHT + 1);
    expect(after.events - before.events).toBe(planned.length);
    expect(after.largestBatch).toBeGreaterThanOrEqual(6);
    const ids = planned.map((p) => p.eventId);
    expect((await db.select({ n: count() }).from(events).where(inArray(events.id, ids)))[0].n).toBe(planned.length);
    expect((await db.select({ n: count() }).from(automationRuns).where(inArray(automationRuns.eventId, ids)))[0].n).toBe(planned.length);
    expect((await db.select({ n: count() }).from(inboundDeliveries).where(inArray(inboundDeliveries.eventId, ids)))[0].n).toBe(planned.length);
  });

  it("answers a redelivery inside the same batch as a duplicate and writes it once", async () => {
    const world = await makeWebhookWorld(db);
    const fillers = await Promise.all(Array.from({ length: MAX_IN_FLIGHT }, (_, i) => plannedEvent(db, world, `fill-${i}`)));
    const first = await plannedEvent(db, world, "same-delivery");
    const again = await plannedEvent(db, world, "same-delivery");
    const outcomes = await Promise.all([...fillers, first, again].map((params) => submit(db, params)));
    expect(outcomes.slice(MAX_IN_FLIGHT)).toEqual([{ status: "recorded", disabled: 0 }, { status: "duplicate" }]);
    const rows = await db.select({ id: events.id }).from(events).where(eq(events.externalId, "same-delivery"));
    expect(rows).toEqual([{ id: first.eventId }]);
    expect(await db.select({ id: automationRuns.id }).from(automationRuns).where(eq(automationRuns.eventId, again.eventId))).toEqual([]);
  });

  it("keeps one event's failure to itself: the rest of its batch is written, it alone is refused", async () => {
    const world = await makeWebhookWorld(db);
    const fillers = await Promise.all(Array.from({ length: MAX_IN_FLIGHT }, (_, i) => plannedEvent(db, world, `ok-${i}`)));
    const good = await Promise.all([0, 1].map((i) => plannedEvent(db, world, `good-${i}`)));
    const planned = await plannedEvent(db, world, "broken");
    // A run of an automation that no longer exists (deleted mid-flight): its insert violates the foreign key.
    const broken = { ...planned, runs: planned.runs.map((run) => ({ ...run, automationId: crypto.randomUUID() })) };

    const settled = await Promise.allSettled([...fillers, good[0], broken, good[1]].map((params) => submit(db, params)));
    const queued = settled.slice(MAX_IN_FLIGHT);
    expect(queued[0]).toEqual({ status: "fulfilled", value: { status: "recorded", disabled: 0 } });
    expect(queued[1].status).toBe("rejected");
    expect(pgErrorCode((queued[1] as PromiseRejectedResult).reason)).toBe("23503");
    expect(queued[2]).toEqual({ status: "fulfilled", value: { status: "recorded", disabled: 0 } });
    const written = await db.select({ id: events.id }).from(events).where(inArray(events.id, [good[0].eventId, good[1].eventId, broken.eventId]));
    expect(written.map((r) => r.id).sort()).toEqual([good[0].eventId, good[1].eventId].sort());
  });

  it("answers every one of many concurrent deliveries with its own runs", async () => {
    const world = await makeWebhookWorld(db);
    const responses = await Promise.all(
      Array.from({ length: 24 }, () => post(signedRequest(world.source.id, dealEvent(), { secret: world.source.secret }))),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    const eventIds = responses.map((r) => r.body.eventId as string);
    expect(new Set(eventIds).size).toBe(24);
    for (const response of responses) {
      const runs = response.body.runs as Array<{ runId: string; automationId: string; status: string }>;
      expect(runs).toMatchObject([{ automationId: world.automationId, status: "succeeded" }]);
      const [row] = await db.select({ eventId: automationRuns.eventId }).from(automationRuns).where(eq(automationRuns.id, runs[0].runId));
      expect(row.eventId).toBe(response.body.eventId);
    }
  });
});
