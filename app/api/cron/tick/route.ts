// POST /api/cron/tick: one scheduler sweep now, synchronously, for deployments without a
// long-running process (`Authorization: Bearer $CRON_SECRET`), and the health rollup's round when
// one is due. Answers `{ due, runs }`; 401 and nothing done without the secret, and always while
// CRON_SECRET is unset.
import { authorizeCron } from "@/lib/cron/authorize-cron";
import { runDueHealthRollup } from "@/lib/runs/schedule-health-rollup";
import { sweepTimeTriggers } from "@/lib/scheduler/sweep";
import { routeDb } from "@/lib/webhooks/route-db";

export async function POST(request: Request): Promise<Response> {
  if (!authorizeCron(request)) return Response.json({ error: "Unauthorized" }, { status: 401 });
  const { db } = await routeDb();
  const { due, runs } = await sweepTimeTriggers(db, { now: new Date() });
  await runDueHealthRollup(db);
  return Response.json({ due, runs });
}
