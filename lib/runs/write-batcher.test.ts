// Group commit of accepted events (write-batcher.ts, drizzle/0010): events that are ready while
// an earlier write is in flight share one call, each still gets its own outcome, and one event's
// failure is never another's; a full batch, or a write stuck on a lock, starts another call beside
// it. On both drivers, with real records.
import { describe, expect, it } from "vitest";
import { count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { DatabaseDeadlineError } from "@/db/faults";
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
import { MAX_BATCH, slowWriteMs, submitEventWrite, writeBatchStats, writeQueueState } from "./write-batcher";

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

const submit = (db: Db, params: RecordEventParams) => submitEventWrite(db, JSON.stringify(eventWritePayload(params)), 5_000);

/** Submits every event in one tick; the outcomes, and the database calls and events written meanwhile. */
async function submitInOneTick(db: Db, planned: readonly RecordEventParams[]) {
  const before = writeBatchStats(db);
  const outcomes = await Promise.all(planned.map((params) => submit(db, params)));
  const after = writeBatchStats(db);
  return { outcomes, calls: after.calls - before.calls, events: after.events - before.events, largestBatch: after.largestBatch };
}

/** Another session holding a source's row for update until `release()`; `holder` ends with it. */
async function holdSourceRow(db: Db, sourceId: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = db.transaction(async (tx) => {
    await tx.execute(sql`select id from webhook_sources where id = ${sourceId} for update`);
    locked();
    await released;
  });
  await isLocked;
  return { release, holder };
}

describe.each(TEST_DRIVERS)("writing accepted events together on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("writes the events that queue behind the write in flight in one call, each with its own outcome", async () => {
    const world = await makeWebhookWorld(db);
    const planned = await Promise.all(Array.from({ length: 7 }, (_, i) => plannedEvent(db, world, `batch-${i}`)));
    // Submitted in one tick: the first goes at once, the other six wait for it and leave together.
    const { outcomes, calls, events: written, largestBatch } = await submitInOneTick(db, planned);

    expect(outcomes).toEqual(planned.map(() => ({ status: "recorded", disabled: 0 })));
    expect(calls).toBe(2);
    expect(written).toBe(planned.length);
    expect(largestBatch).toBeGreaterThanOrEqual(6);
    const ids = planned.map((p) => p.eventId);
    expect((await db.select({ n: count() }).from(events).where(inArray(events.id, ids)))[0].n).toBe(planned.length);
    expect((await db.select({ n: count() }).from(automationRuns).where(inArray(automationRuns.eventId, ids)))[0].n).toBe(planned.length);
    expect((await db.select({ n: count() }).from(inboundDeliveries).where(inArray(inboundDeliveries.eventId, ids)))[0].n).toBe(planned.length);
  });

  it("starts another call beside the one in flight when a full batch is waiting", async () => {
    const world = await makeWebhookWorld(db);
    const planned = await Promise.all(Array.from({ length: 1 + MAX_BATCH + 3 }, (_, i) => plannedEvent(db, world, `backlog-${i}`)));
    // One tick: the first goes alone, the next MAX_BATCH leave beside it as soon as they fill a
    // batch, and the last three wait for a call to finish.
    const { outcomes, calls, events: written, largestBatch } = await submitInOneTick(db, planned);

    expect(outcomes).toEqual(planned.map(() => ({ status: "recorded", disabled: 0 })));
    expect(calls).toBe(3);
    expect(written).toBe(planned.length);
    expect(largestBatch).toBe(MAX_BATCH);
  });

  // The embedded database serves one session at a time, so one cannot hold a lock while another writes.
  it.skipIf(driver === "pglite")("does not hold the deliveries behind a write stuck on a lock once it has become slow", async () => {
    const stuckWorld = await makeWebhookWorld(db);
    const otherWorld = await makeWebhookWorld(db);
    const stuck = await plannedEvent(db, stuckWorld, "stuck");
    const other = await plannedEvent(db, otherWorld, "behind-it");
    // Another session holds the source's row (as deleting the source would): the stuck event's
    // foreign-key check waits for it.
    const { release, holder } = await holdSourceRow(db, stuckWorld.source.id);

    let stuckDone = false;
    const first = submit(db, stuck).finally(() => (stuckDone = true));
    const began = performance.now();
    const second = await submit(db, other);
    const waited = performance.now() - began;
    expect(second).toEqual({ status: "recorded", disabled: 0 });
    expect(stuckDone).toBe(false);
    // It waited behind the stuck write until that had become slow, then went beside it.
    expect(waited).toBeGreaterThanOrEqual(slowWriteMs(1) - 5);

    release();
    await holder;
    expect(await first).toEqual({ status: "recorded", disabled: 0 });
    expect(await db.select({ id: events.id }).from(events).where(inArray(events.id, [stuck.eventId, other.eventId]))).toHaveLength(2);
  });

  it.skipIf(driver === "pglite")("gives up on a write held past its deadline, and refuses new ones at once while writes are stalled", async () => {
    const world = await makeWebhookWorld(db);
    const stuck = await plannedEvent(db, world, "held");
    const next = await plannedEvent(db, world, "while-stalled");
    const { release, holder } = await holdSourceRow(db, world.source.id);

    const began = performance.now();
    const held = await submitEventWrite(db, JSON.stringify(eventWritePayload(stuck)), 300).catch((e: unknown) => e);
    expect(held).toBeInstanceOf(DatabaseDeadlineError);
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(writeQueueState(db).waiting).toBe(1);
    // The held write is older than this delivery's whole deadline: refused without waiting.
    const refusedAt = performance.now();
    const refused = await submitEventWrite(db, JSON.stringify(eventWritePayload(next)), 200).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DatabaseDeadlineError);
    expect(performance.now() - refusedAt).toBeLessThan(50);

    release();
    await holder;
    await expect.poll(() => writeQueueState(db).waiting).toBe(0);
    // The held write went on and committed after its sender was answered ("may have been recorded").
    expect(await db.select({ id: events.id }).from(events).where(eq(events.id, stuck.eventId))).toHaveLength(1);
  });

  it("answers a redelivery inside the same batch as a duplicate and writes it once", async () => {
    const world = await makeWebhookWorld(db);
    const filler = await plannedEvent(db, world, "fill");
    const first = await plannedEvent(db, world, "same-delivery");
    const again = await plannedEvent(db, world, "same-delivery");
    const outcomes = await Promise.all([filler, first, again].map((params) => submit(db, params)));
    expect(outcomes.slice(1)).toEqual([{ status: "recorded", disabled: 0 }, { status: "duplicate" }]);
    const rows = await db.select({ id: events.id }).from(events).where(eq(events.externalId, "same-delivery"));
    expect(rows).toEqual([{ id: first.eventId }]);
    expect(await db.select({ id: automationRuns.id }).from(automationRuns).where(eq(automationRuns.eventId, again.eventId))).toEqual([]);
  });

  it("keeps one event's failure to itself: the rest of its batch is written, it alone is refused", async () => {
    const world = await makeWebhookWorld(db);
    const filler = await plannedEvent(db, world, "ok");
    const good = await Promise.all([0, 1].map((i) => plannedEvent(db, world, `good-${i}`)));
    const planned = await plannedEvent(db, world, "broken");
    // A run of an automation that no longer exists (deleted mid-flight): its insert violates the foreign key.
    const broken = { ...planned, runs: planned.runs.map((run) => ({ ...run, automationId: crypto.randomUUID() })) };

    const settled = await Promise.allSettled([filler, good[0], broken, good[1]].map((params) => submit(db, params)));
    const queued = settled.slice(1);
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
