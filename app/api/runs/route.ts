// GET /api/runs?status=&automation=&type=&entity=&from=&to=&cursor=: one page of the run history
// as the signed-in user may see it (the logs pages poll it to keep their first page live).
import { getDb } from "@/db/next";
import { getSession } from "@/lib/auth/session";
import { listRuns } from "@/lib/runs/list-runs";
import { readRunFilters } from "@/lib/runs/run-filters";
import { RUNS_PAGE_SIZE } from "@/lib/runs/page-size";
import { AppError } from "@/lib/result";

export async function GET(request: Request) {
  const session = await getSession();
  if (!session) return Response.json({ error: "Sign in to see runs." }, { status: 401 });
  const { filters, ignored } = readRunFilters(new URL(request.url).searchParams);
  // The pages drop invalid filters and say so; an API caller gets told instead of a wider list.
  if (ignored.length > 0) return Response.json({ error: `Invalid filter values: ${ignored.join(", ")}`, invalid: ignored }, { status: 400 });
  try {
    const { db } = await getDb();
    const page = await listRuns(db, session.claims, { ...filters, workspaceId: session.workspace.id, limit: RUNS_PAGE_SIZE });
    return Response.json(page, { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: error.status });
    console.error("listing runs failed", error);
    return Response.json({ error: "Something went wrong." }, { status: 500 });
  }
}
