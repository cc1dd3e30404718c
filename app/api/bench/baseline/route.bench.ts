// POST /api/bench/baseline (BENCH=1 builds only): the stack's ceiling, a validated JSON body and one INSERT.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/next";

const bodySchema = z.object({
  type: z.string().min(1),
  entity: z.object({ type: z.string(), id: z.string().min(1), data: z.record(z.string(), z.unknown()) }),
});

export async function POST(request: Request) {
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "invalid body" }, { status: 400 });
  const { db } = await getDb();
  await db.execute(sql`insert into bench_baseline (entity_id, payload) values (${parsed.data.entity.id}, ${JSON.stringify(parsed.data)}::jsonb)`);
  return Response.json({ ok: true });
}
