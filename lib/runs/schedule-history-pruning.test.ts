// The pruning schedule on both drivers: one round at a time across processes (the lease), booked
// an interval ahead after each round and from the migration, taken over when its process died, and
// out of reach of signed-in users and anonymous callers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db, DbHandle } from "@/db/client";
import { resultRows } from "@/db/rows";
import { withUser } from "@/db/with-user";
import { pgErrorCode } from "@/lib/auth/pg-error";
import { automationRuns, signInAttempts, userSessions } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeUser } from "@/test/fixtures";
import { insertEvent, insertRun, makeHistoryWorld } from "./history-test-support";
import { bookNextPruningRound, claimPruningRound, ensurePruningSchedule, runDuePruningRound } from "./schedule-history-pruning";

const HOUR_MS = 3_600_000;

/** Seconds rounded up to a multiple of 10 (+ 0: never -0). */
const tens = (s: string) => Math.ceil(Number(s) / 10) * 10 + 0;

/**
 * Seconds from the database's now() to the booked round and to the lease's end (null when none),
 * in steps of 10 s: a busy machine may take a few seconds between a write and this read.
 */
async function schedule(db: Db): Promise<{ dueInS: number; leaseInS: number | null }> {
  const [row] = resultRows<{ due: string; lease: string | null }>(
    await db.execute(sql`select extract(epoch from next_run_at - now())::text as due, extract(epoch from lease_until - now())::text as lease from app.periodic_jobs where name = 'history_pruning'`),
  );
  return { dueInS: tens(row.due), leaseInS: row.lease === null ? null : tens(row.lease) };
}

async function makeDue(db: Db, leaseSecondsAgo?: number) {
  await db.execute(sql`update app.periodic_jobs set next_run_at = now() - interval '1 second',
    lease_until = ${leaseSecondsAgo === undefined ? null : sql`now() - ${`${leaseSecondsAgo} seconds`}::interval`}
    where name = 'history_pruning'`);
}

describe.each(TEST_DRIVERS)("the history pruning schedule on %s", (driver) => {
  let handle: DbHandle;
  let db: Db;

  beforeEach(async () => {
    handle = await createTestDb(driver);
    db = handle.db;
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await handle?.close();
  });

  it("books a new database's first round an hour after it was created, so nothing runs before then", async () => {
    const { dueInS, leaseInS } = await schedule(db);
    // The template was migrated when the test run started: the booking is still most of an hour away.
    expect({ due: dueInS > 1800 && dueInS <= 3600, leaseInS }).toEqual({ due: true, leaseInS: null });
    expect(await claimPruningRound(db)).toBe(false);
    // Booking again when a round is already booked changes nothing.
    await ensurePruningSchedule(db, 60_000);
    expect((await schedule(db)).dueInS).toBeGreaterThanOrEqual(dueInS - 10);
  });

  it("lets one process claim a due round, refuses the others while it holds it, and books the next when it is done", async () => {
    await makeDue(db);
    expect(await claimPruningRound(db, 600_000)).toBe(true);
    expect(await schedule(db)).toEqual({ dueInS: 0, leaseInS: 600 });
    expect(await claimPruningRound(db)).toBe(false);

    await bookNextPruningRound(db, HOUR_MS);
    expect(await schedule(db)).toEqual({ dueInS: 3600, leaseInS: null });
    expect(await claimPruningRound(db)).toBe(false);
  });

  it("hands a round whose process died to the next process once its lease has passed", async () => {
    await makeDue(db, 5);
    expect(await claimPruningRound(db, 60_000)).toBe(true);
    expect((await schedule(db)).leaseInS).toBe(60);
  });

  it("runs a due round, pruning the history, and books the next an interval later; a second check does nothing", async () => {
    const world = await makeHistoryWorld(db);
    const old = new Date(Date.now() - 40 * 86_400_000);
    const eventId = await insertEvent(db, { workspaceId: world.workspace.id, sourceId: world.source.id, receivedAt: old });
    const runId = await insertRun(db, { workspaceId: world.workspace.id, automationId: world.autoA, ownerId: world.memberA.id, eventId, createdAt: old });
    await makeDue(db);
    vi.spyOn(console, "info").mockImplementation(() => {});

    expect(await runDuePruningRound(db, 2 * HOUR_MS)).toBe(true);
    expect(await db.select().from(automationRuns).where(eq(automationRuns.id, runId))).toEqual([]);
    expect(await schedule(db)).toEqual({ dueInS: 7200, leaseInS: null });
    expect(console.info).toHaveBeenCalledWith(expect.stringMatching(/^history pruning: 1 expired runs, 0 runs over the per-automation cap, 1 events/));

    expect(await runDuePruningRound(db, 2 * HOUR_MS)).toBe(false);
  });

  it("prunes idle sign-in counters and ended sessions in the same round", async () => {
    const user = await makeUser(db, "pruned");
    const longAgo = new Date(Date.now() - 2 * 86_400_000);
    await db.insert(signInAttempts).values([
      { key: "idle-counter", failures: 9, lastAttemptAt: longAgo },
      { key: "live-counter", failures: 9, lastAttemptAt: new Date() },
    ]);
    const [ended, live] = await db
      .insert(userSessions)
      .values([
        { userId: user.id, createdAt: new Date(Date.now() - 32 * 86_400_000), expiresAt: longAgo },
        { userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) },
      ])
      .returning({ id: userSessions.id });
    await makeDue(db);
    vi.spyOn(console, "info").mockImplementation(() => {});

    expect(await runDuePruningRound(db, HOUR_MS)).toBe(true);
    expect((await db.select({ key: signInAttempts.key }).from(signInAttempts)).map((r) => r.key)).toEqual(["live-counter"]);
    expect((await db.select({ id: userSessions.id }).from(userSessions)).map((r) => r.id)).toEqual([live.id]);
    expect(ended.id).not.toBe(live.id);
    expect(console.info).toHaveBeenCalledWith("history pruning: 1 idle sign-in counters, 1 ended sessions");
  });

  it("releases a round that failed and books another try five minutes later", async () => {
    await makeDue(db);
    const retention = process.env.RETENTION_DAYS;
    process.env.RETENTION_DAYS = "0";
    resetEnvCache();
    try {
      await expect(runDuePruningRound(db)).rejects.toThrow(/RETENTION_DAYS/);
    } finally {
      if (retention === undefined) delete process.env.RETENTION_DAYS;
      else process.env.RETENTION_DAYS = retention;
      resetEnvCache();
    }
    expect(await schedule(db)).toEqual({ dueInS: 300, leaseInS: null });
  });

  it("is out of reach of signed-in users and anonymous callers", async () => {
    const world = await makeHistoryWorld(db);
    const claims = { sub: world.admin.id, email: world.admin.email, role: "authenticated" as const };
    for (const who of [claims, null]) {
      for (const statement of [
        sql`select * from app.periodic_jobs`,
        sql`update app.periodic_jobs set next_run_at = now()`,
        sql`delete from app.periodic_jobs`,
      ]) {
        const refused = await withUser(db, who, (tx) => tx.execute(statement)).then(
          () => "allowed",
          (error: unknown) => pgErrorCode(error),
        );
        expect(refused).toBe("42501");
      }
    }
    expect((await schedule(db)).dueInS).toBeGreaterThan(1800);
  });
});
