// GET /api/automations/export[?id=…&id=…]: the caller's automations (all, or the ids given) as a
// downloadable export document (lib/transfer/document.ts).
import { getDb } from "@/db/next";
import { getSession } from "@/lib/auth/session";
import { logUnexpected } from "@/lib/auth/pg-error";
import { exportAutomations } from "@/lib/transfer/export-automations";

export async function GET(request: Request) {
  const session = await getSession();
  if (!session) return Response.json({ error: "Sign in to export automations." }, { status: 401 });
  const ids = new URL(request.url).searchParams.getAll("id").slice(0, 1000);
  try {
    const document = await exportAutomations((await getDb()).db, { claims: session.claims, workspaceId: session.workspace.id, ids: ids.length ? ids : undefined });
    const name = `automations-${document.exportedAt.slice(0, 10)}.json`;
    return new Response(`${JSON.stringify(document, null, 2)}\n`, {
      headers: { "Content-Type": "application/json", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    logUnexpected("export failed", error);
    return Response.json({ error: "Something went wrong." }, { status: 500 });
  }
}
