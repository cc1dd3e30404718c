// GET /api/bench/stats (BENCH=1 builds only): the database's committed transaction count, read by
// the server itself so it works on the embedded database too.
import { sql } from "drizzle-orm";
import { getDb } from "@/db/next";

export async function GET() {
  const { db } = await getDb();
  await db.execute(sql`select pg_stat_clear_snapshot()`);
  const result = await db.execute(sql`select xact_commit::text as commits from pg_stat_database where datname = current_database()`);
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: Array<{ commits: string }> }).rows;
  return Response.json({ commits: Number((rows[0] as { commits: string }).commits) });
}
