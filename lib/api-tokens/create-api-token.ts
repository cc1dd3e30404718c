import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { generateTokenSecret } from "./token-secret";

export type CreateApiTokenParams = { claims: UserClaims; workspaceId: string; name: string };
export type CreatedApiToken = { id: string; name: string; prefix: string; createdAt: Date; token: string };

/**
 * A new token for the acting user in one workspace, written as that user (row-level security
 * refuses a workspace they are not in). The clear token is returned once and never stored.
 */
export async function createApiToken(db: Db, params: CreateApiTokenParams): Promise<CreatedApiToken> {
  const secret = generateTokenSecret();
  const [row] = await withUser(db, params.claims, (tx) =>
    tx
      .insert(apiTokens)
      .values({ workspaceId: params.workspaceId, userId: params.claims.sub, name: params.name, prefix: secret.prefix, tokenHash: secret.hash })
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt }),
  );
  return { ...row, token: secret.token };
}
