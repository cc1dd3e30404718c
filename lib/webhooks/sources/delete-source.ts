import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, webhookSources } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { invalidateSource } from "../load-source";
import { sourceIdSchema } from "./schemas";
import { sourceNotFound, type SourceScope } from "./scope";

/**
 * Deletes a source that never received an event (row-level security: admins only), with its
 * delivery log. One that did is refused: deleting it would delete the events' runs, the execution
 * history; disabling it stops it instead. The source's row is locked first, so an event arriving
 * meanwhile either lands before the count (and the delete is refused) or is refused as unknown.
 */
export async function deleteSource(db: Db, params: SourceScope & { sourceId: string }): Promise<{ name: string }> {
  if (!sourceIdSchema.safeParse(params.sourceId).success) throw sourceNotFound();
  const where = and(eq(webhookSources.id, params.sourceId), eq(webhookSources.workspaceId, params.workspaceId));
  const deleted = await withUser(db, params.claims, async (tx) => {
    const [source] = await tx.select({ name: webhookSources.name }).from(webhookSources).where(where).for("update");
    if (!source) return null;
    const [received] = await tx.select({ n: count() }).from(events).where(eq(events.sourceId, params.sourceId));
    if (received.n > 0) {
      throw new AppError("conflict", `“${source.name}” received ${received.n} event${received.n === 1 ? "" : "s"}: disable it instead, so their history stays`);
    }
    await tx.delete(webhookSources).where(where);
    return source;
  });
  if (!deleted) throw sourceNotFound();
  invalidateSource(params.sourceId);
  return deleted;
}
