import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts } from "@/db/schema";

export const SIGN_IN_LIMIT = 5;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const WRONG_CREDENTIALS = "Wrong email or password.";

/** One counter per email + client address; hashed so the table holds neither. */
export function signInAttemptKey(email: string, ip: string): string {
  return createHash("sha256").update(`${email.trim().toLowerCase()}\n${ip}`).digest("base64url");
}

export type AttemptGate =
  | { allowed: true; attempt: number; windowStartedAt: Date }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Counts an attempt before the password is checked, atomically, so a burst of parallel guesses cannot
 * slip past the limit. A counter whose window has passed starts again at 1; a successful sign-in
 * clears it, so the count is the window's failures (plus any attempt still in flight).
 */
export async function reserveSignInAttempt(db: Db, key: string, now: Date = new Date()): Promise<AttemptGate> {
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_SECONDS * 1000);
  const expired = sql`${signInAttempts.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(signInAttempts)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInAttempts.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${signInAttempts.failures} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${signInAttempts.windowStartedAt} end`,
      },
    })
    .returning({ failures: signInAttempts.failures, windowStartedAt: signInAttempts.windowStartedAt });
  if (row.failures <= SIGN_IN_LIMIT) return { allowed: true, attempt: row.failures, windowStartedAt: row.windowStartedAt };
  return { allowed: false, retryAfterSeconds: secondsLeft(row.windowStartedAt, now) };
}

export async function clearSignInAttempts(db: Db, key: string): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.key, key));
}

/** Gives back an attempt that could not be judged (the identity provider was unreachable). */
async function releaseSignInAttempt(db: Db, key: string): Promise<void> {
  await db
    .update(signInAttempts)
    .set({ failures: sql`greatest(${signInAttempts.failures} - 1, 0)` })
    .where(eq(signInAttempts.key, key));
}

export type SignInOutcome<T> = { ok: true; user: T } | { ok: false; error: string; locked: boolean };

/**
 * Runs one sign-in check under the limit: refused without checking while locked out; a success clears
 * the counter; the failure that uses the last attempt already says how long to wait.
 */
export async function rateLimitedSignIn<T>(
  db: Db,
  params: { email: string; ip: string; now?: Date },
  check: () => Promise<T | null>,
): Promise<SignInOutcome<T>> {
  const now = params.now ?? new Date();
  const key = signInAttemptKey(params.email, params.ip);
  const gate = await reserveSignInAttempt(db, key, now);
  if (!gate.allowed) return { ok: false, error: tooManyAttemptsMessage(gate.retryAfterSeconds), locked: true };
  let user: T | null;
  try {
    user = await check();
  } catch (error) {
    await releaseSignInAttempt(db, key);
    throw error;
  }
  if (user) {
    await clearSignInAttempts(db, key);
    return { ok: true, user };
  }
  if (gate.attempt >= SIGN_IN_LIMIT) {
    return { ok: false, error: tooManyAttemptsMessage(secondsLeft(gate.windowStartedAt, now)), locked: true };
  }
  return { ok: false, error: WRONG_CREDENTIALS, locked: false };
}

function secondsLeft(windowStartedAt: Date, now: Date): number {
  const ends = windowStartedAt.getTime() + SIGN_IN_WINDOW_SECONDS * 1000;
  return Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
