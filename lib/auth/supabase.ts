import { createServerClient, type CookieOptions } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import { WebSocket as NodeWebSocket } from "ws";
import type { UserClaims } from "@/db/with-user";
import { supabaseConfig } from "@/lib/env";
import type { CookieReader } from "./types";

export type CookieToSet = { name: string; value: string; options: CookieOptions };

/** A cookie jar the Supabase client reads the session from and writes refreshed tokens to. */
export interface SupabaseCookieJar extends CookieReader {
  setAll(cookies: CookieToSet[]): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createSupabaseServerClient(jar: SupabaseCookieJar, config = supabaseConfig()): SupabaseClient {
  if (!config) throw new Error("Supabase is not configured (NEXT_PUBLIC_SUPABASE_URL and a publishable key)");
  return createServerClient(config.url, config.key, {
    cookies: { getAll: () => jar.getAll(), setAll: (cookies) => jar.setAll(cookies) },
    // Node 20 has no global WebSocket, and supabase-js refuses to start without one.
    realtime: { transport: NodeWebSocket as unknown as NonNullable<NonNullable<Parameters<typeof createServerClient>[2]["realtime"]>["transport"]> },
  });
}

/**
 * The signed-in user's claims: getClaims() verifies the access token locally against the project's
 * JWKS (refreshing an expired session first, which writes new cookies through the jar). Anything
 * but a verified `authenticated` token with a user id is no session.
 */
export async function readSupabaseClaims(jar: SupabaseCookieJar, config = supabaseConfig()): Promise<UserClaims | null> {
  const supabase = createSupabaseServerClient(jar, config);
  const { data, error } = await supabase.auth.getClaims();
  // A missing cookie answers { data: null, error: null }: check data, not only error.
  if (error || !data) return null;
  const { sub, email, role } = data.claims;
  if (role !== "authenticated" || typeof sub !== "string" || !UUID.test(sub)) return null;
  return { sub, email: typeof email === "string" ? email.toLowerCase() : undefined, role: "authenticated" };
}
