import path from "node:path";
import fs from "node:fs";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import * as schema from "./schema";
import { acquireDataDirLock } from "./lock";
import { migratePglite, migratePostgres } from "./migrate";
import { env } from "@/lib/env";

/** One type for both drivers; a union would break `.returning()` overloads. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbDriver = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  driver: DbDriver;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** An already-open PGlite (tests clone one from a migrated template). */
  pglite?: PGlite;
  migrate?: boolean;
  maxConnections?: number;
}

export async function createDb(options: CreateDbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    if (options.migrate !== false) await migratePostgres(options.databaseUrl);
    return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  }
  return openPglite(options);
}

// JIT compilation is off for our connections: every statement we run is short, and a plan whose cost
// estimate crosses jit_above_cost (the retention's cap probe) spent more compiling than executing:
// 15 ms against 10 ms per probe, and about 40 ms the first time on each connection.
function openPostgres(url: string, max: number): DbHandle {
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: "crm-automations", jit: "off" } });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
}

async function openPglite(options: CreateDbOptions): Promise<DbHandle> {
  if (options.pglite) {
    const client = options.pglite;
    if (options.migrate !== false) await migratePglite(client);
    return { db: drizzlePglite(client, { schema }) as unknown as Db, driver: "pglite", close: () => client.close() };
  }
  const dataDir = path.resolve(/*turbopackIgnore: true*/ options.dataDir ?? "./.data");
  const release = acquireDataDirLock(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const dbDir = path.join(dataDir, "pglite");
    fs.mkdirSync(dataDir, { recursive: true });
    const client = await PGlite.create(dbDir);
    if (options.migrate !== false) {
      try {
        await migratePglite(client);
      } catch (error) {
        await client.close();
        throw error;
      }
    }
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      driver: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

const globalForDb = globalThis as unknown as { crmDatabase?: Promise<DbHandle> };

/**
 * The process's database, opened and migrated once (framework-free: scripts and tests use it too).
 * Next code calls `getDb()` from `db/server.ts`, which opts the page out of prerendering first.
 */
export function openDb(): Promise<DbHandle> {
  if (!globalForDb.crmDatabase) {
    const e = env();
    globalForDb.crmDatabase = createDb({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR }).catch((error) => {
      globalForDb.crmDatabase = undefined;
      throw error;
    });
  }
  return globalForDb.crmDatabase;
}

export async function closeDb(): Promise<void> {
  const pending = globalForDb.crmDatabase;
  globalForDb.crmDatabase = undefined;
  if (pending) await (await pending).close();
}
