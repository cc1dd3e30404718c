import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";

export function migrationsFolder(): string {
  return process.env.MIGRATIONS_FOLDER ?? path.resolve(process.cwd(), "drizzle");
}

/** Applies drizzle/ to an embedded database (single-process by construction, see db/lock.ts). */
export async function migratePglite(client: PGlite): Promise<void> {
  const [{ drizzle }, { migrate }] = await Promise.all([
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
}

/**
 * Applies drizzle/ to a server. Several processes may start at once, so the migration runs on one
 * dedicated connection under a session advisory lock.
 */
export async function migratePostgres(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ drizzle }, { migrate }] = await Promise.all([
      import("drizzle-orm/postgres-js"),
      import("drizzle-orm/postgres-js/migrator"),
    ]);
    await client`select pg_advisory_lock(727274)`;
    try {
      await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
    } finally {
      await client`select pg_advisory_unlock(727274)`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
