import { supabaseConfig } from "@/lib/env";
import type { AuthProvider } from "./types";

/** The one place that decides the provider: Supabase when its URL and key are configured. */
export function authProvider(): AuthProvider {
  return supabaseConfig() ? "supabase" : "builtin";
}
