import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db, DbHandle } from "@/db/client";
import { resultRows } from "@/db/rows";
import { outbox, outboxAttempts, workspaces } from "@/db/schema";
import { pgErrorCode } from "@/db/pg-error";
import { withUser } from "@/db/with-user";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { withDatabase } from "@/test/global-setup";
import { getAutomationHealth, getHealthSummaries } from "./automation-health";
import { forgetHealthRollup, rollUpHealth } from "./health-rollup";
import { insertEvent, insertRun, makeHistoryWorld, type HistoryWorld } from "./history-test-support";
import { pruneHistory } from "./prune-history";

const NOW = new Date("2026-12-04T12:00:00Z");
type Status = "succeeded" | "failed" | "skipped" | "stopped";

async function run(db: Db, world: HistoryWorld, automationId: string, status: Status, at: string, durationMicros = 420) {
  const eventId = await insertEvent(db, { workspaceId: world.workspace.id, sourceId: world.source.id });
  const runId = await insertRun(db, { workspaceId: world.workspace.id, automationId, ownerId: world.memberA.id, eventId, status, createdAt: new Date(at) });
  await db.execute(sql`update automation_runs set duration_micros = ${durationMicros} where id = ${runId}::uuid`);
  return runId;
}

/** An outbound delivery of the run, with its attempts: [outcome, when]. */
async function delivery(db: Db, world: HistoryWorld, runId: string, attempts: [("delivered" | "retry" | "failed"), string][]) {
  const [row] = await db.insert(outbox).values({ workspaceId: world.workspace.id, runId, actionIndex: 0, kind: "webhook", payload: {}, status: "sent" }).returning({ id: outbox.id });
  await db.insert(outboxAttempts).values(
    attempts.map(([outcome, at], i) => ({ outboxId: row.id, workspaceId: world.workspace.id, attempt: i + 1, startedAt: new Date(at), latencyMs: 5, outcome })),
  );
}

const health = (db: Db, world: HistoryWorld, timeZone = "UTC", now = NOW) =>
  getAutomationHealth(db, world.admin.claims, { workspaceId: world.workspace.id, automationId: world.autoA, now, timeZone });

async function rolledDays(db: Db, workspaceId: string): Promise<{ day: string; outcomes: Record<string, number> }[]> {
  return resultRows(await db.execute(sql`select day::text as day, outcomes from app.automation_health_days where workspace_id = ${workspaceId}::uuid order by day, automation_id`));
}

describe.each(TEST_DRIVERS)("the health rollup on %s", (driver) => {
  let handle: DbHandle;
  let db: Db;
  let world: HistoryWorld;

  beforeAll(async () => {
    handle = await createTestDb(driver);
    db = handle.db;
    world = await makeHistoryWorld(db);
    const a = world.autoA;
    await run(db, world, a, "succeeded", "2026-11-30T23:45:00Z", 900);
    const delivered = await run(db, world, a, "succeeded", "2026-12-01T10:00:00Z", 1_000);
    await run(db, world, a, "succeeded", "2026-12-01T11:00:00Z", 2_000);
    await run(db, world, a, "failed", "2026-12-01T23:30:00Z", 50_000);
    const failedDelivery = await run(db, world, a, "succeeded", "2026-12-03T09:00:00Z", 3_000);
    await run(db, world, a, "skipped", "2026-12-03T09:30:00Z", 10);
    const today = await run(db, world, a, "stopped", "2026-12-04T08:00:00Z", 4_000);
    await run(db, world, a, "succeeded", "2026-10-01T08:00:00Z"); // outside the window
    await run(db, world, world.autoAdmin, "failed", "2026-12-02T08:00:00Z");
    await delivery(db, world, delivered, [["retry", "2026-12-01T10:00:01Z"], ["delivered", "2026-12-01T10:05:00Z"]]);
    await delivery(db, world, failedDelivery, [["retry", "2026-12-03T09:00:01Z"], ["failed", "2026-12-04T09:00:00Z"]]);
    await delivery(db, world, today, [["delivered", "2026-12-04T08:00:01Z"]]);
  });
  afterAll(async () => handle?.close());

  it("writes each closed day once and reads the same numbers as the live count, today still live", async () => {
    const live = await health(db, world);
    expect(live.days.find((d) => d.day === "2026-12-01")).toMatchObject({ succeeded: 2, failed: 1 });
    expect(live.total).toBe(7);
    expect(live.deliveries).toEqual({ delivered: 2, failed: 1 });
    expect(live.deliverySuccessRate).toBeCloseTo(2 / 3);

    const first = await rollUpHealth(db, { now: NOW, workspaceId: world.workspace.id });
    expect(first).toMatchObject({ workspaces: 1, resets: 1, days: 30 });
    // Closed days, and today up to two minutes ago.
    expect((await rolledDays(db, world.workspace.id)).map((r) => r.day)).toEqual(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]);
    expect(await health(db, world)).toEqual(live);
    // Nothing more to do until the next day closes, two minutes after midnight.
    expect(await rollUpHealth(db, { now: NOW, workspaceId: world.workspace.id })).toMatchObject({ workspaces: 0, days: 0 });

    // A run since the last round is counted live; runs written into what was rolled up
    // (impossible on the ingest path, whose runs are stamped now) prove that part is read from it.
    await run(db, world, world.autoA, "failed", "2026-12-04T11:59:00Z");
    await run(db, world, world.autoA, "failed", "2026-12-04T09:00:00Z");
    await run(db, world, world.autoA, "failed", "2026-12-02T09:00:00Z");
    const after = await health(db, world);
    expect(after.days.find((d) => d.day === "2026-12-04")).toMatchObject({ stopped: 1, failed: 1 });
    expect(after.days.find((d) => d.day === "2026-12-02")).toMatchObject({ failed: 0 });
    // The next round rolls today up again, to its new cut-off, runs and all.
    await rollUpHealth(db, { now: new Date(NOW.getTime() + 10 * 60_000), workspaceId: world.workspace.id });
    expect((await health(db, world)).days.find((d) => d.day === "2026-12-04")).toMatchObject({ stopped: 1, failed: 2 });
    expect(after.medianDurationMs).not.toBeNull();
    // The middle run of the six timed ones (the lower of the two middle ones) took 2 ms.
    expect(Math.abs(live.medianDurationMs! / 2.0 - 1)).toBeLessThan(0.09);
  });

  it("gives the list one summary per visible automation from the same rows", async () => {
    const summaries = await getHealthSummaries(db, world.memberA.claims, { workspaceId: world.workspace.id, automationIds: [world.autoA, world.autoAdmin], now: NOW });
    expect([...summaries.keys()]).toEqual([world.autoA]);
    const adminView = await getHealthSummaries(db, world.admin.claims, { workspaceId: world.workspace.id, automationIds: [world.autoA, world.autoAdmin], now: NOW });
    expect(adminView.get(world.autoAdmin)?.days.find((d) => d.day === "2026-12-02")).toMatchObject({ failed: 1 });
    expect(adminView.get(world.autoA)?.total).toBe((await health(db, world)).total);
  });

  it("shows the missed outcome on its own, outside the failure rate", async () => {
    await db.execute(sql`
      insert into app.automation_health_days (automation_id, workspace_id, day, outcomes, durations, deliveries)
      values (${world.autoB}::uuid, ${world.workspace.id}::uuid, '2026-12-02', '{"missed": 3, "succeeded": 1}', '{}', '{}')
      on conflict (automation_id, day) do update set outcomes = excluded.outcomes`);
    const [summary] = (await getHealthSummaries(db, world.admin.claims, { workspaceId: world.workspace.id, automationIds: [world.autoB], now: NOW })).values();
    expect(summary.days.find((d) => d.day === "2026-12-02")).toMatchObject({ missed: 3, succeeded: 1 });
    expect(summary.failureRate).toBe(0);
  });

  it("keeps a rolled-up day's counts when its runs are pruned, and drops days that left the window", async () => {
    const before = await health(db, world);
    const pruned = await pruneHistory(db, { now: NOW, retentionDays: 400, perAutomationCap: 2 });
    expect(pruned.cappedRuns).toBeGreaterThan(0);
    const after = await health(db, world);
    expect(after.days.filter((d) => d.day < "2026-12-04")).toEqual(before.days.filter((d) => d.day < "2026-12-04"));
    expect(after.deliveries.delivered).toBe(before.deliveries.delivered);

    // Forty days later the old rows are gone; the window is counted afresh.
    const later = new Date(NOW.getTime() + 40 * 86_400_000);
    await rollUpHealth(db, { now: later, workspaceId: world.workspace.id });
    expect((await rolledDays(db, world.workspace.id)).filter((r) => r.day < "2026-12-04")).toEqual([]);
  });

  it("counts the window again in the workspace's new time zone, and live until then", async () => {
    const fresh = await createTestDb(driver);
    try {
      const w = await makeHistoryWorld(fresh.db);
      await run(fresh.db, w, w.autoA, "failed", "2026-12-01T23:30:00Z"); // 2 December in Kolkata (+05:30)
      await run(fresh.db, w, w.autoA, "succeeded", "2026-12-01T18:00:00Z"); // 1 December there too
      await rollUpHealth(fresh.db, { now: NOW, workspaceId: w.workspace.id });
      await fresh.db.update(workspaces).set({ timeZone: "Asia/Kolkata" }).where(eq(workspaces.id, w.workspace.id));
      const zone = "Asia/Kolkata";
      const live = await health(fresh.db, w, zone);
      expect(live.days.find((d) => d.day === "2026-12-02")).toMatchObject({ failed: 1 });
      expect(live.days.find((d) => d.day === "2026-12-01")).toMatchObject({ succeeded: 1, failed: 0 });

      expect(await rollUpHealth(fresh.db, { now: NOW, workspaceId: w.workspace.id })).toMatchObject({ resets: 1 });
      expect((await rolledDays(fresh.db, w.workspace.id)).map((r) => [r.day, r.outcomes])).toEqual([
        ["2026-12-01", { succeeded: 1 }],
        ["2026-12-02", { failed: 1 }],
      ]);
      expect(await health(fresh.db, w, zone)).toEqual(live);
    } finally {
      await fresh.close();
    }
  });

  it("counts a workspace's window again after a writer of past runs forgets its rollup", async () => {
    await rollUpHealth(db, { now: NOW, workspaceId: world.workspace.id });
    await run(db, world, world.autoA, "stopped", "2026-11-20T10:00:00Z");
    expect((await health(db, world)).days.find((d) => d.day === "2026-11-20")).toMatchObject({ stopped: 0 });
    await forgetHealthRollup(db, world.workspace.id);
    expect((await health(db, world)).days.find((d) => d.day === "2026-11-20")).toMatchObject({ stopped: 1 });
    expect(await rollUpHealth(db, { now: NOW, workspaceId: world.workspace.id })).toMatchObject({ resets: 1, days: 30 });
    expect((await health(db, world)).days.find((d) => d.day === "2026-11-20")).toMatchObject({ stopped: 1 });
  });

  it("keeps the rollup from signed-in users and anonymous callers (no grants)", async () => {
    for (const claims of [world.admin.claims, world.memberA.claims, null]) {
      for (const table of [sql`app.automation_health_days`, sql`app.health_rollup_state`]) {
        const error = await withUser(db, claims, (tx) => tx.execute(sql`select count(*) from ${table}`)).then(() => null, (e: unknown) => e);
        expect(pgErrorCode(error)).toBe("42501");
      }
    }
  });
});

describe.runIf(process.env.DATABASE_URL)("the health rollup in two processes at once on postgres", () => {
  let handle: DbHandle;
  afterAll(async () => handle?.close());

  it("writes every day once, with the counts of a live read", async () => {
    handle = await createTestDb("postgres");
    const world = await makeHistoryWorld(handle.db);
    for (let day = 1; day <= 25; day++) {
      const at = (hour: number) => new Date(Date.UTC(2026, 10, 9 + day, hour)).toISOString();
      await run(handle.db, world, world.autoA, day % 5 === 0 ? "failed" : "succeeded", at(day % 24));
      await run(handle.db, world, world.autoAdmin, "skipped", at((day * 7) % 24));
    }
    const live = await health(handle.db, world);
    const [{ name }] = resultRows<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
    const url = withDatabase(process.env.DATABASE_URL!, name);
    const startAt = String(Date.now() + 4_000);
    const children = [0, 1].map(() => spawn(process.execPath, ["--import", "tsx", "test/health-rollup-process.ts", url, NOW.toISOString(), startAt], { stdio: ["ignore", "pipe", "inherit"] }));
    const outputs = children.map((child) => {
      let out = "";
      child.stdout!.on("data", (chunk) => (out += chunk));
      return once(child, "exit").then(([code]) => ({ code, out }));
    });
    const results = await Promise.all(outputs);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const parsed = results.map((r) => JSON.parse(r.out.trim()) as { days: number; resets: number });
    // The two workspaces' 30 days each, written once between the two processes.
    expect(parsed.reduce((sum, r) => sum + r.days, 0)).toBe(60);
    expect(parsed.reduce((sum, r) => sum + r.resets, 0)).toBe(2);
    expect(await health(handle.db, world)).toEqual(live);
    const rows = await rolledDays(handle.db, world.workspace.id);
    // 25 days of two runs each, the last of them today (rolled up so far: both runs are hours old).
    expect(rows.reduce((sum, r) => sum + Object.values(r.outcomes).reduce((a, b) => a + b, 0), 0)).toBe(50);
  }, 60_000);
});

describe.each(TEST_DRIVERS)("the health rollup's periodic job on %s", (driver) => {
  let handle: DbHandle;
  afterAll(async () => handle?.close());

  it("runs when due, once, and books the next round", async () => {
    handle = await createTestDb(driver);
    await makeHistoryWorld(handle.db);
    const { runDueHealthRollup } = await import("./schedule-health-rollup");
    const first = await runDueHealthRollup(handle.db, () => NOW);
    expect(first?.days).toBeGreaterThan(0);
    expect(await runDueHealthRollup(handle.db, () => NOW)).toBeNull();
    const [job] = resultRows<{ due_in_s: number; last_error: string | null }>(
      await handle.db.execute(sql`select extract(epoch from next_run_at - now())::float8 as due_in_s, last_error from app.periodic_jobs where name = 'health_rollup'`),
    );
    expect(job.last_error).toBeNull();
    expect(job.due_in_s).toBeGreaterThan(500);
  });
});
