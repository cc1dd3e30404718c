// withUser's request transaction carries the request's statement and lock timeouts, and only it:
// the connection (shared with migrations, pruning and long jobs) keeps the server's defaults.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { REQUEST_LOCK_TIMEOUT_MS, REQUEST_STATEMENT_TIMEOUT_MS } from "./deadline";
import { withUser } from "./with-user";
import type { Db } from "./client";

async function timeouts(db: Db | Parameters<Parameters<typeof withUser>[2]>[0]) {
  const result = await db.execute(sql`select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock`);
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { statement: string; lock: string }[];
  return rows[0];
}

describe.each(TEST_DRIVERS)("request timeouts on %s", (driver) => {
  it("are set inside withUser's transaction and nowhere else", async () => {
    const handle = await createTestDb(driver);
    try {
      const inside = await withUser(handle.db, null, (tx) => timeouts(tx));
      expect(inside).toEqual({ statement: `${REQUEST_STATEMENT_TIMEOUT_MS / 1000}s`, lock: `${REQUEST_LOCK_TIMEOUT_MS / 1000}s` });
      expect(await timeouts(handle.db)).toEqual({ statement: "0", lock: "0" });
    } finally {
      await handle.close();
    }
  });
});
