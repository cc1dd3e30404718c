import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSources } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { PREVIOUS_SECRET_GRACE_MS } from "../limits";
import { invalidateSource } from "../load-source";
import { retirePrevious } from "../retired-secrets";
import { generateSourceSecret } from "../secrets";
import { sourceIdSchema } from "./schemas";
import { sourceNotFound, type SourceScope } from "./scope";

export type RotateSourceSecretParams = SourceScope & { sourceId: string; now: Date };

/**
 * A new secret; the current one becomes the previous one and keeps verifying for 24 hours, so the
 * CRM can be switched over without losing events. Rotating again within those 24 hours keeps each
 * old secret valid until its own window ends (at most MAX_OLD_SECRETS at once).
 */
export async function rotateSourceSecret(db: Db, params: RotateSourceSecretParams): Promise<{ previousSecretExpiresAt: Date }> {
  if (!sourceIdSchema.safeParse(params.sourceId).success) throw sourceNotFound();
  const expiresAt = new Date(params.now.getTime() + PREVIOUS_SECRET_GRACE_MS);
  const rotated = await withUser(db, params.claims, async (tx) => {
    const where = and(eq(webhookSources.id, params.sourceId), eq(webhookSources.workspaceId, params.workspaceId));
    // Locked, so two admins rotating at once each retire the secret the other one made. The new
    // secret's kind follows the format: a signing secret, a bearer token or a Basic password.
    const [source] = await tx
      .select({
        format: webhookSources.format,
        previousSecret: webhookSources.previousSecret,
        previousSecretExpiresAt: webhookSources.previousSecretExpiresAt,
        olderSecrets: webhookSources.olderSecrets,
      })
      .from(webhookSources)
      .where(where)
      .for("update");
    if (!source) return false;
    await tx
      .update(webhookSources)
      .set({
        olderSecrets: retirePrevious(source, params.now),
        previousSecret: sql`${webhookSources.secret}`,
        previousSecretExpiresAt: expiresAt,
        secret: generateSourceSecret(source.format),
        updatedAt: params.now,
      })
      .where(where);
    return true;
  });
  if (!rotated) throw sourceNotFound();
  invalidateSource(params.sourceId);
  return { previousSecretExpiresAt: expiresAt };
}
