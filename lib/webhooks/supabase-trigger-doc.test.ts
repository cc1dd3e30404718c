// docs/webhooks.md tells Supabase users how to keep their event time column current with a trigger:
// that SQL, as the docs print it, must run and must give every write its own updated_at, even two
// updates of one row in a single transaction (else the second would be taken for a duplicate).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, TEST_DRIVERS } from "@/test/db";

function documentedTriggerSql(): string {
  const doc = readFileSync(path.join(process.cwd(), "docs/webhooks.md"), "utf8");
  const section = doc.slice(doc.indexOf("### Deduplication: the event time column"));
  const block = /```sql\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error("docs/webhooks.md has no SQL block under “Deduplication: the event time column”");
  return block[1];
}

function rows(result: unknown): Array<Record<string, unknown>> {
  return Array.isArray(result) ? result : (result as { rows: Array<Record<string, unknown>> }).rows;
}

describe.each(TEST_DRIVERS)("the documented updated_at trigger on %s", (driver) => {
  it("stamps every insert and update, two updates in one transaction apart", async () => {
    const handle = await createTestDb(driver);
    try {
      const { db } = handle;
      await db.execute(sql.raw("create table public.deals (id int primary key, stage text)"));
      for (const statement of documentedTriggerSql().split(/;\s*\n(?=\s*(?:alter|create|drop)\b)/i)) await db.execute(sql.raw(statement));
      await db.execute(sql.raw("insert into public.deals (id, stage) values (1, 'a')"));
      const stamps = await db.transaction(async (tx) => {
        const read = async () => rows(await tx.execute(sql.raw("select updated_at::text as at from public.deals where id = 1")))[0].at;
        const first = await read();
        await tx.execute(sql.raw("update public.deals set stage = 'b' where id = 1"));
        const second = await read();
        await tx.execute(sql.raw("update public.deals set stage = 'a' where id = 1"));
        return [first, second, await read()];
      });
      expect(new Set(stamps).size).toBe(3);
    } finally {
      await handle.close();
    }
  });
});
