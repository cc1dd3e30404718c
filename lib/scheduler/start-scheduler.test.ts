// The scheduler's periodic job on both drivers: one process claims a due sweep, the others do
// nothing until the next is due; the result is recorded and the next sweep booked an interval on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { resultRows } from "@/db/rows";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { nextSweepAt } from "./next-check";
import { runDueSweep } from "./start-scheduler";

describe.each(TEST_DRIVERS)("the scheduler's periodic job on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("sweeps once per interval across processes, records the result and books the next", async () => {
    const db = handle.db;
    await db.execute(sql`update app.periodic_jobs set next_run_at = now() - interval '1 second', lease_until = null where name = 'scheduler'`);
    const [first, second] = await Promise.all([runDueSweep(db, 60_000), runDueSweep(db, 60_000)]);
    expect([first, second].filter((result) => result !== null)).toEqual([{ due: 0, runs: 0, failed: 0 }]);
    expect(await runDueSweep(db, 60_000)).toBeNull();
    const [job] = resultRows<{ due_in: string; lease_until: string | null; last_result: unknown }>(
      await db.execute(sql`select extract(epoch from next_run_at - now())::text as due_in, lease_until, last_result from app.periodic_jobs where name = 'scheduler'`),
    );
    expect(Number(job.due_in)).toBeGreaterThan(30);
    expect(Number(job.due_in)).toBeLessThanOrEqual(60);
    expect(job.lease_until).toBeNull();
    expect(typeof job.last_result === "string" ? JSON.parse(job.last_result) : job.last_result).toEqual({ due: 0, runs: 0, failed: 0 });
    const now = new Date();
    expect((await nextSweepAt(db, now)).getTime()).toBeGreaterThan(now.getTime());
  });
});
