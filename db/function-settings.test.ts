// The event write's functions keep their lock_timeout whatever later migrations replaced them.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { resultRows } from "./rows";
import { createTestDb, TEST_DRIVERS } from "@/test/db";

describe.each(TEST_DRIVERS)("the event write's settings on %s", (driver) => {
  it("app.record_event and app.record_events wait at most 3 s for a row lock", async () => {
    const handle = await createTestDb(driver);
    try {
      const rows = resultRows<{ name: string; config: string[] | null }>(
        await handle.db.execute(sql`select p.proname as name, p.proconfig as config from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'app' and p.proname in ('record_event', 'record_events') order by 1`),
      );
      expect(rows.map((r) => [r.name, r.config])).toEqual([
        ["record_event", ["lock_timeout=3s"]],
        ["record_events", ["lock_timeout=3s"]],
      ]);
    } finally {
      await handle.close();
    }
  });
});
