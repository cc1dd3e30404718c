import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, profiles, workspaceMembers } from "@/db/schema";
import type { UserClaims } from "@/db/with-user";
import type { WorkspaceRole } from "@/lib/auth/types";
import { hashToken, looksLikeToken } from "./token-secret";

export type TokenPrincipal = {
  tokenId: string;
  claims: UserClaims;
  workspaceId: string;
  role: WorkspaceRole;
};

export const LAST_USED_INTERVAL_MS = 60_000;

// Per process: when this process last wrote `last_used_at` for a token, so a busy token costs one
// write a minute rather than one per request. The SQL condition covers the other processes.
const lastWritten = new Map<string, number>();

/**
 * The user and workspace a bearer token acts for, or null when it is malformed, unknown, revoked,
 * or its user is no longer a member of its workspace. A service-path read: nobody is known yet.
 */
export async function authenticateToken(db: Db, token: string, now: Date = new Date()): Promise<TokenPrincipal | null> {
  if (!looksLikeToken(token)) return null;
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, workspaceId: apiTokens.workspaceId, role: workspaceMembers.role, email: profiles.email })
    .from(apiTokens)
    .innerJoin(workspaceMembers, and(eq(workspaceMembers.workspaceId, apiTokens.workspaceId), eq(workspaceMembers.userId, apiTokens.userId)))
    .leftJoin(profiles, eq(profiles.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  await touchLastUsed(db, row.id, now);
  return {
    tokenId: row.id,
    claims: { sub: row.userId, email: row.email ?? undefined, role: "authenticated" },
    workspaceId: row.workspaceId,
    role: row.role,
  };
}

async function touchLastUsed(db: Db, tokenId: string, now: Date): Promise<void> {
  const previous = lastWritten.get(tokenId);
  if (previous !== undefined && now.getTime() - previous < LAST_USED_INTERVAL_MS) return;
  lastWritten.set(tokenId, now.getTime());
  if (lastWritten.size > 10_000) lastWritten.delete(lastWritten.keys().next().value!);
  const cutoff = new Date(now.getTime() - LAST_USED_INTERVAL_MS);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`${now.toISOString()}::timestamptz` })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, cutoff))));
}
