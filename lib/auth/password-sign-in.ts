import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db/next";
import { env } from "@/lib/env";
import { AppError, fieldErrorsFromIssues } from "@/lib/result";
import { clientIp } from "./client-ip";
import { verifyCredentials, type AuthUser } from "./credentials";
import { BUSY_MESSAGE, BUSY_RETRY_AFTER_SECONDS, hashingGate } from "./hashing-gate";
import { plainHttpProblem } from "./plain-http";
import { authProvider } from "./provider";
import { rateLimitedSignIn } from "./rate-limit";
import { signInSchema } from "./schemas";
import { requestCookieJar } from "./session";
import { startBuiltinSession } from "./start-session";

export type PasswordSignInResult =
  | { ok: true }
  | { ok: false; status: 400 | 401 | 403 | 429; error?: string; fieldErrors?: Record<string, string>; retryAfterSeconds?: number };

async function supabasePasswordCheck(credentials: { email: string; password: string }): Promise<() => Promise<AuthUser | null>> {
  const [{ supabaseSignIn }, jar] = await Promise.all([import("./supabase-accounts"), requestCookieJar()]);
  return () => supabaseSignIn(jar, credentials);
}

/**
 * Email + password sign-in for the form's server action and POST /api/auth/sign-in alike: validated,
 * throttled (per account, per trusted address), hashed under the process's hashing cap, and on
 * success the session cookie is set. Unexpected errors are thrown for the caller to log.
 */
export async function passwordSignIn(input: { email: unknown; password: unknown }): Promise<PasswordSignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, fieldErrors: fieldErrorsFromIssues(parsed.error.issues) };
  const requestHeaders = await headers();
  const provider = authProvider();
  const plainHttp = provider === "builtin" ? plainHttpProblem(requestHeaders) : null;
  if (plainHttp) return { ok: false, status: 403, error: plainHttp };
  // Refused before any database work while the hashing queue is full (the gate still decides).
  if (hashingGate().full) return { ok: false, status: 429, error: BUSY_MESSAGE, retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS };
  const { db } = await getDb();
  const ip = clientIp(requestHeaders, env().TRUSTED_PROXY_COUNT);
  const check = provider === "supabase" ? await supabasePasswordCheck(parsed.data) : () => verifyCredentials(db, parsed.data);
  try {
    const outcome = await rateLimitedSignIn(db, { email: parsed.data.email, ip }, check);
    if (!outcome.ok) {
      return outcome.retryAfterSeconds
        ? { ok: false, status: 429, error: outcome.error, retryAfterSeconds: outcome.retryAfterSeconds }
        : { ok: false, status: 401, error: outcome.error };
    }
    if (provider === "builtin") await startBuiltinSession(db, outcome.user);
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") {
      return { ok: false, status: 429, error: error.message, retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS };
    }
    if (error instanceof AppError && error.code === "forbidden") return { ok: false, status: 403, error: error.message };
    throw error;
  }
}
