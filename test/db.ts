import fs from "node:fs";
import { inject } from "vitest";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { createDb, type DbHandle } from "@/db/client";
import { withDatabase } from "./global-setup";

export type TestDriver = "pglite" | "postgres";

/** The drivers every database test runs on: PGlite always, the server when DATABASE_URL is set. */
export const TEST_DRIVERS: TestDriver[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

let counter = 0;

/** A fresh, migrated database: PGlite loaded from the template dump, or a server clone of the template. */
export async function createTestDb(driver: TestDriver): Promise<DbHandle> {
  if (driver === "pglite") {
    const dump = fs.readFileSync(inject("pgliteTemplate"));
    const client = await PGlite.create({ loadDataDir: new Blob([dump]) });
    return createDb({ pglite: client, migrate: false });
  }
  const serverUrl = process.env.DATABASE_URL!;
  const name = `crm_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${inject("postgresTemplate")}`);
  await admin.end();
  const handle = await createDb({ databaseUrl: withDatabase(serverUrl, name), migrate: false, maxConnections: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
