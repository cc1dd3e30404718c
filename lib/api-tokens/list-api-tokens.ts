import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The acting user's tokens for one workspace, newest first: never the hash, never the token. */
export async function listApiTokens(db: Db, params: { claims: UserClaims; workspaceId: string }): Promise<ApiTokenSummary[]> {
  return withUser(db, params.claims, (tx) =>
    tx
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        prefix: apiTokens.prefix,
        createdAt: apiTokens.createdAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .where(and(eq(apiTokens.workspaceId, params.workspaceId), eq(apiTokens.userId, params.claims.sub)))
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id)),
  );
}
