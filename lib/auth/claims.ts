import type { UserClaims } from "@/db/with-user";
import { readBuiltinClaims } from "./builtin";
import { authProvider } from "./provider";
import type { SupabaseCookieJar } from "./supabase";

/** Verified claims of the request's user, from whichever provider is configured, or null. */
export async function readClaims(jar: SupabaseCookieJar): Promise<UserClaims | null> {
  if (authProvider() === "builtin") return readBuiltinClaims(jar);
  // Loaded only in Supabase mode: supabase-js is large and warns on import under Node 20.
  const { readSupabaseClaims } = await import("./supabase");
  return readSupabaseClaims(jar);
}
