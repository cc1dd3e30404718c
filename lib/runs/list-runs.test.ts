// The run history list on both drivers: who sees which runs (row-level security, not only the
// query's own predicates), every filter, and keyset pagination across timestamp ties.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { eq } from "drizzle-orm";
import { automationRuns, events, outbox } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { AppError } from "@/lib/result";
import { insertEvent, insertRun, makeHistoryWorld, type HistoryWorld } from "./history-test-support";
import { listRuns, runsPageQuery, type ListRunsParams } from "./list-runs";
import { encodeRunCursor } from "./run-cursor";
import { parseRunFilters, runFiltersQuery } from "./run-filters";

const ids = (runs: { id: string }[]) => runs.map((run) => run.id);

type Seeded = { id: string; owner: "admin" | "memberA" | "memberB"; status: string; entityId: string; eventType: string; createdAt: string; eventId: string };

/**
 * 12 events, three runs each (admin's, A's, B's automation). The runs of an event share its
 * timestamp, as the ingest path writes them; events 10 and 11 are a microsecond apart.
 */
async function seedRuns(handle: DbHandle, world: HistoryWorld): Promise<Seeded[]> {
  const seeded: Seeded[] = [];
  const statuses = ["succeeded", "failed", "skipped", "stopped"] as const;
  const owners = [
    ["admin", world.autoAdmin, world.admin.id],
    ["memberA", world.autoA, world.memberA.id],
    ["memberB", world.autoB, world.memberB.id],
  ] as const;
  for (let i = 0; i < 12; i++) {
    const entityId = `D-${i % 3}`;
    const eventType = i % 4 === 3 ? "deal.created" : "deal.updated";
    const createdAt = i >= 10 ? `2026-11-${String(10).padStart(2, "0")}T08:00:00.00000${i - 9}Z` : `2026-11-${String(i + 1).padStart(2, "0")}T08:00:00.000000Z`;
    const eventId = await insertEvent(handle.db, { workspaceId: world.workspace.id, sourceId: world.source.id, entityId });
    for (const [k, [owner, automationId, ownerId]] of owners.entries()) {
      const status = statuses[(i + k) % statuses.length];
      const id = await insertRun(handle.db, { workspaceId: world.workspace.id, automationId, ownerId, eventId, entityId, eventType, status, createdAt });
      seeded.push({ id, owner, status, entityId, eventType, createdAt, eventId });
    }
  }
  const foreignEvent = await insertEvent(handle.db, { workspaceId: world.other.id, sourceId: world.otherSource.id });
  await insertRun(handle.db, { workspaceId: world.other.id, automationId: world.autoOther, ownerId: world.outsider.id, eventId: foreignEvent });
  // Newest first; among equal timestamps, the larger id first.
  return seeded.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
}

describe.each(TEST_DRIVERS)("listing runs on %s", (driver) => {
  let handle: DbHandle;
  let world: HistoryWorld;
  let seeded: Seeded[];
  const list = (who: keyof Pick<HistoryWorld, "admin" | "memberA" | "memberB" | "outsider">, params: Partial<ListRunsParams> = {}) =>
    listRuns(handle.db, world[who].claims, { workspaceId: world.workspace.id, limit: 100, ...params });

  beforeAll(async () => {
    handle = await createTestDb(driver);
    world = await makeHistoryWorld(handle.db);
    seeded = await seedRuns(handle, world);
  });
  afterAll(async () => handle?.close());

  it("gives an admin every run of the workspace, newest first, with the automation's name and no trace", async () => {
    const { runs, nextCursor } = await list("admin");
    expect(ids(runs)).toEqual(ids(seeded));
    expect(nextCursor).toBeNull();
    expect(runs[0]).toMatchObject({ automationName: expect.stringMatching(/automation$/), automationVersion: 1, durationMicros: 420 });
    expect(Object.keys(runs[0]).sort()).toEqual(
      ["automationId", "automationName", "automationVersion", "createdAt", "durationMicros", "entityId", "entityTitle", "error", "eventType", "id", "origin", "reason", "status"].sort(),
    );
    expect(runs[0].createdAt).toBe("2026-11-10T08:00:00.000002Z");
  });

  it("gives a member the runs of their own automations only", async () => {
    expect(ids((await list("memberA")).runs)).toEqual(ids(seeded.filter((run) => run.owner === "memberA")));
    expect(ids((await list("memberB")).runs)).toEqual(ids(seeded.filter((run) => run.owner === "memberB")));
  });

  it("never shows a member another member's runs, even when asked for that automation", async () => {
    expect((await list("memberA", { automationId: world.autoB })).runs).toEqual([]);
    expect((await list("memberA", { automationId: world.autoAdmin })).runs).toEqual([]);
    expect((await list("outsider")).runs).toEqual([]);
  });

  it("is enforced by row-level security, not by the query: the admin's query run as member A still sees only A's runs", async () => {
    const rows = await withUser(handle.db, world.memberA.claims, (tx) =>
      runsPageQuery(tx, { workspaceId: world.workspace.id, limit: 100 }, { role: "admin", userId: world.memberA.id }, 100),
    );
    expect(ids(rows).sort()).toEqual(ids(seeded.filter((run) => run.owner === "memberA")).sort());
  });

  it("shows the entity's title from the event and, for a skipped run, the first condition not met", async () => {
    const skipped = seeded.find((run) => run.status === "skipped")!;
    await handle.db.update(events).set({ payload: { entity: { type: "deal", id: skipped.entityId, data: { title: "Acme renewal" } } } }).where(eq(events.id, skipped.eventId));
    const trace = { conditions: { kind: "group", match: "all", result: false, children: [{ kind: "condition", field: "deal.currency", operator: "equals", expected: "EUR", actual: "USD", result: false }] } };
    await handle.db.update(automationRuns).set({ trace }).where(eq(automationRuns.id, skipped.id));
    const run = (await list("admin")).runs.find((item) => item.id === skipped.id);
    expect(run).toMatchObject({ entityTitle: "Acme renewal", reason: "Not met: Currency is EUR (actual: USD)" });
    // Runs that were not skipped carry no reason, whatever their trace says.
    expect((await list("admin", { status: "succeeded" })).runs.every((item) => item.reason === null)).toBe(true);
  });

  it("filters by status, automation, event type and entity id, alone and together", async () => {
    expect(ids((await list("admin", { status: "failed" })).runs)).toEqual(ids(seeded.filter((run) => run.status === "failed")));
    expect(ids((await list("admin", { automationId: world.autoB })).runs)).toEqual(ids(seeded.filter((run) => run.owner === "memberB")));
    expect(ids((await list("admin", { eventType: "deal.created" })).runs)).toEqual(ids(seeded.filter((run) => run.eventType === "deal.created")));
    expect(ids((await list("admin", { entityId: "D-2" })).runs)).toEqual(ids(seeded.filter((run) => run.entityId === "D-2")));
    const both = seeded.filter((run) => run.entityId === "D-1" && run.status === "skipped");
    expect(both.length).toBeGreaterThan(0);
    expect(ids((await list("admin", { entityId: "D-1", status: "skipped" })).runs)).toEqual(ids(both));
    expect(ids((await list("memberA", { status: "stopped" })).runs)).toEqual(ids(seeded.filter((run) => run.owner === "memberA" && run.status === "stopped")));
  });

  it("filters by event: the runs one inbound event caused, as each reader may see them", async () => {
    const eventId = seeded[0].eventId;
    expect(ids((await list("admin", { eventId })).runs)).toEqual(ids(seeded.filter((run) => run.eventId === eventId)));
    expect(ids((await list("memberA", { eventId })).runs)).toEqual(ids(seeded.filter((run) => run.eventId === eventId && run.owner === "memberA")));
    expect((await list("admin", { eventId })).runs).toHaveLength(3);
  });

  it("filters the runs waiting for delivery: an action's email or webhook still queued, not sent, failed or an alert", async () => {
    const [queued, sending, sent, alerted] = seeded.filter((run) => run.owner === "memberA");
    const db = handle.db;
    await db.insert(outbox).values([
      { workspaceId: world.workspace.id, runId: queued.id, actionIndex: 0, kind: "webhook", payload: { url: "https://example.test" } },
      { workspaceId: world.workspace.id, runId: sending.id, actionIndex: 0, kind: "email", payload: { to: "a@b.test" }, status: "sending" },
      { workspaceId: world.workspace.id, runId: sent.id, actionIndex: 0, kind: "webhook", payload: { url: "https://example.test" }, status: "sent" },
      { workspaceId: world.workspace.id, runId: alerted.id, kind: "email", payload: { to: "a@b.test", alert: true } },
    ]);
    expect(ids((await list("admin", { waiting: "1" })).runs)).toEqual(ids(seeded.filter((run) => run === queued || run === sending)));
    expect(ids((await list("memberA", { waiting: "1" })).runs)).toEqual(ids(seeded.filter((run) => run === queued || run === sending)));
    expect((await list("memberB", { waiting: "1" })).runs).toEqual([]);
    expect(parseRunFilters({ waiting: "1" })).toEqual({ waiting: "1" });
    expect(parseRunFilters({ waiting: "yes" })).toEqual({});
    expect(runFiltersQuery({ waiting: "1", status: "succeeded" })).toBe("status=succeeded&waiting=1");
    await db.delete(outbox);
  });

  it("filters by a range of UTC days, both ends included", async () => {
    const { runs } = await list("admin", { from: "2026-11-03", to: "2026-11-05" });
    expect(new Set(runs.map((run) => run.createdAt.slice(0, 10)))).toEqual(new Set(["2026-11-03", "2026-11-04", "2026-11-05"]));
    expect(runs).toHaveLength(9);
    expect((await list("admin", { from: "2026-11-11" })).runs).toHaveLength(0);
    expect((await list("admin", { to: "2026-11-01" })).runs).toHaveLength(3);
  });

  it("walks every run exactly once, page by page, across equal and microsecond-apart timestamps", async () => {
    for (const size of [1, 2, 5]) {
      const walked: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 50; page++) {
        const result = await list("admin", { limit: size, cursor });
        expect(result.runs.length).toBeLessThanOrEqual(size);
        walked.push(...ids(result.runs));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      expect(walked).toEqual(ids(seeded));
    }
  });

  it("pages a member's filtered view without leaking others' runs", async () => {
    const first = await list("memberB", { status: "succeeded", limit: 1 });
    const second = await list("memberB", { status: "succeeded", limit: 10, cursor: first.nextCursor! });
    expect([...ids(first.runs), ...ids(second.runs)]).toEqual(ids(seeded.filter((run) => run.owner === "memberB" && run.status === "succeeded")));
  });

  it("refuses a cursor it did not write", async () => {
    await expect(list("admin", { cursor: "not-a-cursor" })).rejects.toThrow(AppError);
    // A well-formed cursor past the oldest run is simply the end.
    const end = encodeRunCursor({ createdAt: "2000-01-01T00:00:00.000000Z", id: "00000000-0000-4000-8000-000000000000" });
    expect(await list("admin", { cursor: end })).toEqual({ runs: [], nextCursor: null });
  });
});
