// GET /api/health: 200 once the database is open and migrated.
import { sql } from "drizzle-orm";
import { getDb } from "@/db/next";

export async function GET() {
  try {
    const { db, driver } = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: driver });
  } catch (error) {
    console.error("health check failed", error);
    return Response.json({ status: "error", database: process.env.DATABASE_URL ? "postgres" : "pglite" }, { status: 503 });
  }
}
