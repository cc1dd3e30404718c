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
import { readDatabaseConfig } from "./config";
import { guardQueries } from "./guard-queries";

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
  /** Open every pool connection now (the process's own database): under connection starvation the pool then already holds them. */
  warm?: boolean;
}

/**
 * Seconds a connection attempt may take. postgres.js waits 30 s by default, and during a fast
 * shutdown a connection the postmaster has accepted but not yet served keeps the server from
 * finishing until the client gives up: a restart under load took 30 s instead of 2–3 s.
 */
export const CONNECT_TIMEOUT_S = 2;

/**
 * Seconds before a connection is opened again after failed attempts: doubling from 50 ms, at most
 * 0.5 s. postgres.js's own backoff reaches 20 s after eight failures, so after an outage of a few
 * seconds the pool stayed closed long after the database was back.
 */
export function reconnectBackoffS(failures: number): number {
  return Math.min(0.05 * 2 ** failures, 0.5);
}

guardQueries();

export async function createDb(options: CreateDbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    if (options.migrate !== false) await migratePostgres(options.databaseUrl);
    const handle = openPostgres(options.databaseUrl, options.maxConnections ?? 10);
    if (options.warm) await handle.warm();
    return handle;
  }
  return openPglite(options);
}

// JIT compilation is off for our connections: every statement we run is short, and compiling a plan
// cost more than executing it (docs/benchmarks.md, "History pruning beside live traffic").
function openPostgres(url: string, max: number): DbHandle & { warm(): Promise<void> } {
  const client = postgres(url, {
    max,
    connect_timeout: CONNECT_TIMEOUT_S,
    backoff: reconnectBackoffS,
    // Connections stay open (postgres.js would close each after 30–60 minutes): a pool that has to
    // open one while the server refuses new connections fails the queries waiting for it.
    max_lifetime: null,
    onnotice: () => {},
    connection: { application_name: "crm-automations", jit: "off" },
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    close: () => client.end({ timeout: 5 }),
    // As many statements at once as the pool has connections: each opens one (best effort).
    warm: async () => {
      await Promise.allSettled(Array.from({ length: max }, () => client`select 1`));
    },
  };
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
    const { databaseUrl, dataDir } = readDatabaseConfig();
    globalForDb.crmDatabase = createDb({ databaseUrl, dataDir, warm: true }).catch((error) => {
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
