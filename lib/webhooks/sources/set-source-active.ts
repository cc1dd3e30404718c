import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSources } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { invalidateSource } from "../load-source";
import { sourceIdSchema } from "./schemas";
import { sourceNotFound, type SourceScope } from "./scope";

/** Enables or disables a source; a disabled source answers 403 and runs nothing. */
export async function setSourceActive(db: Db, params: SourceScope & { sourceId: string; isActive: boolean; now: Date }): Promise<void> {
  if (!sourceIdSchema.safeParse(params.sourceId).success) throw sourceNotFound();
  const updated = await withUser(db, params.claims, (tx) =>
    tx
      .update(webhookSources)
      .set({ isActive: params.isActive, updatedAt: params.now })
      .where(and(eq(webhookSources.id, params.sourceId), eq(webhookSources.workspaceId, params.workspaceId)))
      .returning({ id: webhookSources.id }),
  );
  if (updated.length === 0) throw sourceNotFound();
  invalidateSource(params.sourceId);
}
