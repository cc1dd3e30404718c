// GET /api/bench/stats (BENCH=1 builds only): the database's committed transaction count, read by
// the server itself so it works on the embedded database too.
import { sql } from "drizzle-orm";
import { getDb } from "@/db/next";
import { resultRows } from "@/db/rows";

export async function GET() {
  const { db } = await getDb();
  await db.execute(sql`select pg_stat_clear_snapshot()`);
  // xact_commit counts every committed transaction, read-only statements included; the snapshot's
  // xmax advances only when a transaction writes, so its delta counts write transactions.
  const result = await db.execute(
    sql`select xact_commit::text as commits, pg_snapshot_xmax(pg_current_snapshot())::text as xmax
        from pg_stat_database where datname = current_database()`,
  );
  const rows = resultRows<{ commits: string; xmax: string }>(result);
  return Response.json({ commits: Number(rows[0].commits), writeTransactions: Number(rows[0].xmax) });
}
