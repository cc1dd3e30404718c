import type { Db } from "@/db/client";
import type { UserClaims } from "@/db/with-user";
import { readActiveBuiltinSession } from "./builtin";
import { authProvider } from "./provider";
import type { SupabaseCookieJar } from "./supabase";

export interface RequestIdentity {
  claims: UserClaims;
  /** The built-in session's id (null with Supabase, whose sessions live at Supabase). */
  sessionId: string | null;
}

/**
 * Verified claims of the request's user, from whichever provider is configured, or null. The database
 * is opened only for a built-in session, whose row says whether it was revoked.
 */
export async function readIdentity(jar: SupabaseCookieJar, db: () => Promise<Db>): Promise<RequestIdentity | null> {
  if (authProvider() === "builtin") {
    const token = await readActiveBuiltinSession(db, jar);
    return token ? { claims: token.claims, sessionId: token.sessionId } : null;
  }
  // Loaded only in Supabase mode: supabase-js is large and warns on import under Node 20.
  const { readSupabaseClaims } = await import("./supabase");
  const claims = await readSupabaseClaims(jar);
  return claims ? { claims, sessionId: null } : null;
}
