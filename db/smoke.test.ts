import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import type { DbHandle } from "@/db/client";
import { withUser } from "@/db/with-user";
import { workspaces } from "@/db/schema";
import { makeTeam } from "@/test/fixtures";

describe.each(TEST_DRIVERS)("database on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("runs user queries as the authenticated role with the user's id", async () => {
    const { admin } = await makeTeam(handle.db);
    const rows = await withUser(handle.db, admin.claims, (tx) =>
      tx.execute(sql`select current_user as role, auth.uid() as uid`),
    );
    const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
    expect(list[0]).toEqual({ role: "authenticated", uid: admin.id });
  });

  it.runIf(driver === "postgres")("opens its server connections with JIT compilation off", async () => {
    const rows = await handle.db.execute(sql`select current_setting('jit') as jit`);
    const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
    expect(list[0]).toEqual({ jit: "off" });
  });

  it("shows anon nothing", async () => {
    await makeTeam(handle.db);
    const rows = await withUser(handle.db, null, (tx) => tx.select().from(workspaces));
    expect(rows).toEqual([]);
  });
});
