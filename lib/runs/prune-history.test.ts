// Retention on both drivers: exactly the expired and over-cap runs go, with their actions, in
// chunks no larger than asked; runs with a queued delivery stay; events go once no run needs them.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, inArray } from "drizzle-orm";
import type { Db, DbHandle } from "@/db/client";
import { activities, automationRuns, events, inboundDeliveries, mailboxMessages, outbox, outboxAttempts, runActions } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { insertEvent, insertRun, insertRunAction, makeHistoryWorld, type HistoryWorld } from "./history-test-support";
import { pacer, PAUSE_PER_STATEMENT_TIME, pruneHistory } from "./prune-history";

const NOW = new Date("2026-11-25T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

async function existing(db: Db, table: typeof automationRuns | typeof events, ids: string[]): Promise<string[]> {
  const rows = await db.select({ id: table.id }).from(table).where(inArray(table.id, ids));
  return rows.map((row) => row.id).sort();
}

describe.each(TEST_DRIVERS)("pruning the history on %s", (driver) => {
  let handle: DbHandle;
  let db: Db;
  let world: HistoryWorld;

  beforeEach(async () => {
    handle = await createTestDb(driver);
    db = handle.db;
    world = await makeHistoryWorld(db);
  });
  afterEach(async () => handle?.close());

  /** One event and one run of member A's automation, `age` days old. */
  async function run(age: number, status: "succeeded" | "failed" = "succeeded") {
    const at = daysAgo(age);
    const eventId = await insertEvent(db, { workspaceId: world.workspace.id, sourceId: world.source.id, receivedAt: at });
    const runId = await insertRun(db, { workspaceId: world.workspace.id, automationId: world.autoA, ownerId: world.memberA.id, eventId, createdAt: at, status });
    return { eventId, runId };
  }

  async function queue(runId: string, status: "pending" | "sending" | "sent" | "failed") {
    await db.insert(outbox).values({ workspaceId: world.workspace.id, runId, actionIndex: 0, kind: "email", payload: { to: "x@example.com" }, status });
  }

  it("removes runs and events past the retention period in chunks, keeping runs whose deliveries are queued", async () => {
    const expired = [];
    for (let i = 0; i < 5; i++) expired.push(await run(31 + i));
    const sent = await run(40);
    await queue(sent.runId, "sent");
    const failedDelivery = await run(40);
    await queue(failedDelivery.runId, "failed");
    const pending = await run(40);
    await queue(pending.runId, "pending");
    const sending = await run(45);
    await queue(sending.runId, "sending");
    const recent = [await run(29), await run(1), await run(0)];
    const oldEventWithoutRuns = await insertEvent(db, { workspaceId: world.workspace.id, sourceId: world.source.id, receivedAt: daysAgo(60) });
    const recentEventWithoutRuns = await insertEvent(db, { workspaceId: world.workspace.id, sourceId: world.source.id, receivedAt: daysAgo(2) });
    // Another workspace's history ages the same way.
    const foreignEvent = await insertEvent(db, { workspaceId: world.other.id, sourceId: world.otherSource.id, receivedAt: daysAgo(50) });
    const foreignRun = await insertRun(db, { workspaceId: world.other.id, automationId: world.autoOther, ownerId: world.outsider.id, eventId: foreignEvent, createdAt: daysAgo(50) });
    // What points at an expiring run: its actions, the follow-up it created, its delivery log line.
    const doomed = expired[0];
    await insertRunAction(db, { workspaceId: world.workspace.id, runId: doomed.runId, actionIndex: 0 });
    const [activity] = await db.insert(activities).values({
      workspaceId: world.workspace.id, assigneeId: world.memberA.id, subject: "Call", activityType: "call", dueAt: NOW,
      entityType: "deal", entityId: "D-1", runId: doomed.runId, actionIndex: 0,
    }).returning({ id: activities.id });
    await db.insert(inboundDeliveries).values({ workspaceId: world.workspace.id, sourceId: world.source.id, outcome: "accepted", httpStatus: 200, eventId: doomed.eventId });

    const result = await pruneHistory(db, { now: NOW, retentionDays: 30, chunkSize: 2 });

    const gone = [...expired, sent, failedDelivery];
    expect(result).toMatchObject({ expiredRuns: 8, cappedRuns: 0, events: 9 });
    // Runs, then events, workspace by workspace in id order (ours: 7 runs and 8 events; the other
    // one: 1 and 1), never more than 2 rows per statement.
    const oursFirst = world.workspace.id < world.other.id;
    const runChunks = oursFirst ? [2, 2, 2, 1, 1] : [1, 2, 2, 2, 1];
    const eventChunks = oursFirst ? [2, 2, 2, 2, 1] : [1, 2, 2, 2, 2];
    expect(result.chunks).toEqual([...runChunks, ...eventChunks]);

    const keptRuns = [pending, sending, ...recent].map((x) => x.runId).sort();
    const allRuns = [...gone, pending, sending, ...recent].map((x) => x.runId);
    expect(await existing(db, automationRuns, [...allRuns, foreignRun])).toEqual(keptRuns);
    const allEvents = [...gone, pending, sending, ...recent].map((x) => x.eventId);
    expect(await existing(db, events, [...allEvents, oldEventWithoutRuns, recentEventWithoutRuns, foreignEvent])).toEqual(
      [pending.eventId, sending.eventId, ...recent.map((x) => x.eventId), recentEventWithoutRuns].sort(),
    );
    expect(await db.select().from(runActions).where(eq(runActions.runId, doomed.runId))).toEqual([]);
    // Effects outlive the run that made them; they just stop pointing at it.
    expect(await db.select({ runId: activities.runId }).from(activities).where(eq(activities.id, activity.id))).toEqual([{ runId: null }]);
    const deliveries = await db.select({ eventId: inboundDeliveries.eventId }).from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, world.source.id));
    expect(deliveries).toEqual([{ eventId: null }]);
    const finished = await db.select({ status: outbox.status, runId: outbox.runId }).from(outbox).where(inArray(outbox.status, ["sent", "failed"])).orderBy(outbox.status);
    expect(finished).toEqual([
      { status: "failed", runId: null },
      { status: "sent", runId: null },
    ]);

    // A second round has nothing left to do.
    expect(await pruneHistory(db, { now: NOW, retentionDays: 30, chunkSize: 2 })).toEqual({ expiredRuns: 0, cappedRuns: 0, events: 0, deliveryLog: 0, deliveries: 0, mailbox: 0, deletedAutomations: 0, chunks: [] });
  });

  it("prunes finished deliveries with their attempts and kept emails past the period, never a queued one", async () => {
    const ws = world.workspace.id;
    const row = async (status: "pending" | "sending" | "sent" | "failed" | "skipped", age: number) => {
      const [{ id }] = await db.insert(outbox).values({ workspaceId: ws, kind: "webhook", payload: { url: "https://example.test" }, status, createdAt: daysAgo(age) }).returning({ id: outbox.id });
      await db.insert(outboxAttempts).values({ workspaceId: ws, outboxId: id, attempt: 1, startedAt: daysAgo(age), latencyMs: 1, outcome: "retry" });
      return id;
    };
    const old = [await row("sent", 40), await row("failed", 40), await row("skipped", 40)];
    const kept = [await row("pending", 40), await row("sending", 40), await row("sent", 5)];
    await db.insert(mailboxMessages).values([
      { workspaceId: ws, to: "a@example.test", subject: "Old", text: "T", reason: "r", createdAt: daysAgo(40) },
      { workspaceId: ws, to: "a@example.test", subject: "New", text: "T", reason: "r", createdAt: daysAgo(5) },
    ]);
    const result = await pruneHistory(db, { now: NOW, retentionDays: 30, chunkSize: 2 });
    expect(result).toMatchObject({ deliveries: 3, mailbox: 1 });
    const left = await db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.id, [...old, ...kept]));
    expect(left.map((r) => r.id).sort()).toEqual([...kept].sort());
    const attempts = await db.select({ outboxId: outboxAttempts.outboxId }).from(outboxAttempts).where(inArray(outboxAttempts.outboxId, [...old, ...kept]));
    expect(attempts.map((a) => a.outboxId).sort()).toEqual([...kept].sort());
    expect((await db.select({ subject: mailboxMessages.subject }).from(mailboxMessages)).map((m) => m.subject)).toEqual(["New"]);
  });

  it("keeps only the newest runs of an automation over its cap, ordering equal timestamps by id", async () => {
    const eventId = await insertEvent(db, { workspaceId: world.workspace.id, sourceId: world.source.id });
    const other = await insertEvent(db, { workspaceId: world.workspace.id, sourceId: world.source.id });
    const seeds = ["2026-11-20T00:00:00.000001Z", "2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", "2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z"];
    // One run per event (the unique key): a fresh event for each.
    const capped: { id: string; at: string }[] = [];
    for (const at of seeds) {
      const ev = await insertEvent(db, { workspaceId: world.workspace.id, sourceId: world.source.id });
      capped.push({ id: await insertRun(db, { workspaceId: world.workspace.id, automationId: world.autoA, ownerId: world.memberA.id, eventId: ev, createdAt: at }), at });
    }
    const oldest = capped[0];
    await queue(oldest.id, "pending");
    // Two runs of another automation: under the cap, untouched.
    const b1 = await insertRun(db, { workspaceId: world.workspace.id, automationId: world.autoB, ownerId: world.memberB.id, eventId, createdAt: "2026-11-01T00:00:00Z" });
    const b2 = await insertRun(db, { workspaceId: world.workspace.id, automationId: world.autoB, ownerId: world.memberB.id, eventId: other, createdAt: "2026-11-02T00:00:00Z" });

    // One automation per probe statement: the keyset paging over automations must reach every one.
    const result = await pruneHistory(db, { now: NOW, retentionDays: 30, perAutomationCap: 3, chunkSize: 1, capGroupSize: 1, pauseMs: 1 });

    // Newest three: the 24th, the 23rd and the larger id of the two on the 22nd.
    const tie = capped.filter((entry) => entry.at === "2026-11-22T00:00:00Z").map((entry) => entry.id).sort();
    const kept = [capped[5].id, capped[4].id, tie[1], oldest.id, b1, b2].sort();
    expect(await existing(db, automationRuns, [...capped.map((entry) => entry.id), b1, b2])).toEqual(kept);
    expect(result).toMatchObject({ expiredRuns: 0, cappedRuns: 2, events: 0, chunks: [1, 1] });
  });
});

/** Runs a statement that takes `ms` on the faked clock; resolves to when it was answered (fake ms). */
async function answeredAfter(pauseMs: number, ms: number): Promise<number> {
  vi.useFakeTimers({ toFake: ["performance", "setTimeout"] });
  const start = performance.now();
  const answer = { at: Number.NaN };
  void pacer(pauseMs)(async () => {
    vi.advanceTimersByTime(ms);
    return "rows";
  }).then((rows) => {
    expect(rows).toBe("rows");
    answer.at = performance.now() - start;
  });
  for (let i = 0; i < 1_000 && Number.isNaN(answer.at); i++) await vi.advanceTimersByTimeAsync(1);
  return answer.at;
}

describe("the pause after each statement of a round", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is the least pause after a quick statement", async () => {
    expect(await answeredAfter(20, 2)).toBe(2 + 20);
  });

  it("grows with a slow statement, so a round keeps the database busy a quarter of the time at most", async () => {
    expect(PAUSE_PER_STATEMENT_TIME).toBe(3);
    expect(await answeredAfter(20, 50)).toBe(50 + 150);
  });

  it("is none when pauses are off", async () => {
    expect(await answeredAfter(0, 50)).toBe(50);
  });
});
