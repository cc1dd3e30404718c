import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { REQUEST_LOCK_TIMEOUT_MS, REQUEST_STATEMENT_TIMEOUT_MS } from "./deadline";

/** JWT claims shaped like Supabase's, whichever provider issued the session. */
export interface UserClaims {
  sub: string;
  email?: string;
  role: "authenticated";
}

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Runs `fn` in a transaction as the given user (or as `anon` when `claims` is null), so the
 * database's row-level security decides what the queries see and change. One round trip sets both
 * the claims that `auth.uid()` reads and the role, and the request's statement and lock timeouts
 * (local to the transaction: the pool's connections also serve migrations and long jobs).
 */
export function withUser<T>(db: Db, claims: UserClaims | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const role = claims ? "authenticated" : "anon";
  const claimsJson = JSON.stringify(claims ?? { role: "anon" });
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('request.jwt.claims', ${claimsJson}, true), set_config('role', ${role}, true),
        set_config('statement_timeout', ${String(REQUEST_STATEMENT_TIMEOUT_MS)}, true), set_config('lock_timeout', ${String(REQUEST_LOCK_TIMEOUT_MS)}, true)`,
    );
    return fn(tx);
  });
}
