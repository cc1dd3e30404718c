import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { AppError } from "@/lib/result";

/**
 * Revokes one of the acting user's tokens in the workspace. The row stays (its prefix and dates
 * explain past use); authentication refuses it from now on. Revoking twice is not an error.
 */
export async function revokeApiToken(db: Db, params: { claims: UserClaims; workspaceId: string; id: string }): Promise<void> {
  if (!z.uuid().safeParse(params.id).success) throw new AppError("not_found", "Token not found");
  const found = await withUser(db, params.claims, async (tx) => {
    const where = and(eq(apiTokens.id, params.id), eq(apiTokens.workspaceId, params.workspaceId), eq(apiTokens.userId, params.claims.sub));
    await tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(and(where, isNull(apiTokens.revokedAt)));
    return tx.select({ id: apiTokens.id }).from(apiTokens).where(where);
  });
  if (found.length === 0) throw new AppError("not_found", "Token not found");
}
