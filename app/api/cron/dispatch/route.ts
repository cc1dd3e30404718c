// POST /api/cron/dispatch: sends what is due in the outbox now, for deployments where no in-process
// sender loop runs. `Authorization: Bearer $CRON_SECRET`; 401 without it, and always while unset.
import { authorizeCron } from "@/lib/cron/authorize-cron";
import { runSenderRound } from "@/lib/outbox/sender";

export async function POST(request: Request): Promise<Response> {
  if (!authorizeCron(request)) {
    return Response.json({ error: "Unauthorized", code: "unauthenticated" }, { status: 401, headers: { "cache-control": "no-store" } });
  }
  const summary = await runSenderRound();
  return Response.json(summary, { headers: { "cache-control": "no-store" } });
}
