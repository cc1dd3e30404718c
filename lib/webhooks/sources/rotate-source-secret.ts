import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSources } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { PREVIOUS_SECRET_GRACE_MS } from "../limits";
import { invalidateSource } from "../load-source";
import { generateSourceSecret } from "../secrets";
import { sourceIdSchema } from "./schemas";
import { sourceNotFound, type SourceScope } from "./scope";

export type RotateSourceSecretParams = SourceScope & { sourceId: string; now: Date };

/**
 * A new secret; the current one becomes the previous one and keeps verifying for 24 hours, so the
 * CRM can be switched over without losing events. Rotating again within the grace period replaces
 * the previous secret (only one old secret is ever valid).
 */
export async function rotateSourceSecret(db: Db, params: RotateSourceSecretParams): Promise<{ previousSecretExpiresAt: Date }> {
  if (!sourceIdSchema.safeParse(params.sourceId).success) throw sourceNotFound();
  const expiresAt = new Date(params.now.getTime() + PREVIOUS_SECRET_GRACE_MS);
  const where = and(eq(webhookSources.id, params.sourceId), eq(webhookSources.workspaceId, params.workspaceId));
  const updated = await withUser(db, params.claims, async (tx) => {
    // The new secret's kind follows the format: a signing secret, a bearer token or a Basic password.
    const [source] = await tx.select({ format: webhookSources.format }).from(webhookSources).where(where).for("update");
    if (!source) return [];
    return tx
      .update(webhookSources)
      .set({
        previousSecret: sql`${webhookSources.secret}`,
        previousSecretExpiresAt: expiresAt,
        secret: generateSourceSecret(source.format),
        updatedAt: params.now,
      })
      .where(where)
      .returning({ id: webhookSources.id });
  });
  if (updated.length === 0) throw sourceNotFound();
  invalidateSource(params.sourceId);
  return { previousSecretExpiresAt: expiresAt };
}
