import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSources } from "@/db/schema";
import { withUser } from "@/db/with-user";
import type { SupabaseMapping } from "../adapters/supabase-mapping";
import { invalidateSource } from "../load-source";
import { sourceIdSchema } from "./schemas";
import { sourceNotFound, type SourceScope } from "./scope";

export type UpdateSupabaseMappingParams = SourceScope & { sourceId: string; mapping: SupabaseMapping; now: Date };

/**
 * Saves a Supabase source's tables and columns (row-level security: admins only). Only Supabase
 * sources have a mapping: any other id is "not found". Takes effect at once in this process, within
 * the source cache's lifetime in others.
 */
export async function updateSupabaseMapping(db: Db, params: UpdateSupabaseMappingParams): Promise<void> {
  if (!sourceIdSchema.safeParse(params.sourceId).success) throw sourceNotFound();
  const updated = await withUser(db, params.claims, (tx) =>
    tx
      .update(webhookSources)
      .set({ settings: sql`${webhookSources.settings} || ${JSON.stringify({ supabase: params.mapping })}::jsonb`, updatedAt: params.now })
      .where(and(eq(webhookSources.id, params.sourceId), eq(webhookSources.workspaceId, params.workspaceId), eq(webhookSources.format, "supabase")))
      .returning({ id: webhookSources.id }),
  );
  if (updated.length === 0) throw sourceNotFound();
  invalidateSource(params.sourceId);
}
