// GET /api/health: 200 when the database answers a check query within 1.5 s and no event write has
// waited past its deadline; 503 with a reason otherwise (DESIGN.md "Contracts", docs/operations.md).
import { getDb } from "@/db/next";
import { checkHealth } from "@/lib/health/check-health";

export async function GET() {
  const report = await checkHealth(getDb, process.env.DATABASE_URL ? "postgres" : "pglite");
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
