import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSources } from "@/db/schema";
import { withUser } from "@/db/with-user";
import type { SourceScope } from "./scope";

/**
 * The source a "Send test event" button outside the webhooks page sends through: the workspace's
 * oldest enabled one. Null when there is none, or for a member (row-level security: admins only).
 */
export async function findTestEventSource(db: Db, scope: SourceScope): Promise<{ id: string; name: string } | null> {
  const [source] = await withUser(db, scope.claims, (tx) =>
    tx
      .select({ id: webhookSources.id, name: webhookSources.name })
      .from(webhookSources)
      .where(and(eq(webhookSources.workspaceId, scope.workspaceId), eq(webhookSources.isActive, true)))
      .orderBy(asc(webhookSources.createdAt), asc(webhookSources.id))
      .limit(1),
  );
  return source ?? null;
}
