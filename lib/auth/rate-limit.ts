import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts } from "@/db/schema";

// Sign-in throttling, independent of any client address: per account, increasing delays rather than
// a hard lockout (which would let anyone lock a victim out), and, only when the address can be
// trusted (TRUSTED_PROXY_COUNT), a windowed limit per address across accounts. Counters live in
// sign_in_attempts under hashed keys, so the table holds neither emails nor addresses.

/** Failures allowed before the first delay. */
export const FREE_FAILURES = 5;
export const FIRST_DELAY_SECONDS = 15;
export const MAX_DELAY_SECONDS = 15 * 60;
/** A counter idle this long starts again from zero (and is pruned with the history). */
export const IDLE_RESET_SECONDS = 24 * 60 * 60;
/** Per trusted client address, across every account. */
export const ADDRESS_LIMIT = 30;
export const ADDRESS_WINDOW_SECONDS = 15 * 60;
export const WRONG_CREDENTIALS = "Wrong email or password.";

export function accountKey(scope: string, email: string): string {
  return createHash("sha256").update(`${scope}\naccount\n${email.trim().toLowerCase()}`).digest("base64url");
}

export function addressKey(scope: string, ip: string): string {
  return createHash("sha256").update(`${scope}\naddress\n${ip}`).digest("base64url");
}

/** After the n-th failure in a row: nothing for the first few, then 15 s doubling up to 15 min. */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** delayAfterFailures in SQL, over the counter's new value. */
function delaySql(failures: ReturnType<typeof sql>) {
  return sql`(case when ${failures} < ${FREE_FAILURES} then 0
    else least(${FIRST_DELAY_SECONDS} * power(2, least(${failures} - ${FREE_FAILURES}, 30)), ${MAX_DELAY_SECONDS}) end) * interval '1 second'`;
}

export type Gate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts an attempt on an account before the password is checked, in one statement, so a burst of
 * parallel guesses cannot slip past: the row lock serialises them, and only attempts made once the
 * previous delay has passed are let through (each sets the next delay as if it will fail).
 */
export async function reserveAccountAttempt(db: Db, key: string, now: Date): Promise<Gate> {
  const idle = sql`${signInAttempts.lastAttemptAt} <= ${ts(new Date(now.getTime() - IDLE_RESET_SECONDS * 1000))}`;
  const failures = sql`(case when ${idle} then 1 else ${signInAttempts.failures} + 1 end)`;
  const [row] = await db
    .insert(signInAttempts)
    .values({ key, failures: 1, windowStartedAt: now, nextAttemptAt: now, lastAttemptAt: now })
    .onConflictDoUpdate({
      target: signInAttempts.key,
      set: { failures, nextAttemptAt: sql`${ts(now)} + ${delaySql(failures)}`, lastAttemptAt: now },
      setWhere: sql`${signInAttempts.nextAttemptAt} <= ${ts(now)}`,
    })
    .returning({ failures: signInAttempts.failures });
  if (row) return { allowed: true };
  const [held] = await db.select({ next: signInAttempts.nextAttemptAt }).from(signInAttempts).where(eq(signInAttempts.key, key));
  return { allowed: false, retryAfterSeconds: held ? secondsUntil(held.next, now) : 1 };
}

/** A windowed counter (per address, per sign-up name, global sign-ups): at most `limit` per window. */
export async function reserveWindowAttempt(db: Db, key: string, limit: number, windowSeconds: number, now: Date): Promise<Gate> {
  const expired = sql`${signInAttempts.windowStartedAt} <= ${ts(new Date(now.getTime() - windowSeconds * 1000))}`;
  const [row] = await db
    .insert(signInAttempts)
    .values({ key, failures: 1, windowStartedAt: now, lastAttemptAt: now })
    .onConflictDoUpdate({
      target: signInAttempts.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${signInAttempts.failures} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${ts(now)} else ${signInAttempts.windowStartedAt} end`,
        lastAttemptAt: now,
      },
    })
    .returning({ failures: signInAttempts.failures, windowStartedAt: signInAttempts.windowStartedAt });
  if (row.failures <= limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: secondsUntil(new Date(row.windowStartedAt.getTime() + windowSeconds * 1000), now) };
}

export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.key, key));
}

/** Gives back an attempt that could not be judged (provider unreachable, server busy). */
export async function releaseAttempt(db: Db, key: string, now: Date): Promise<void> {
  await db
    .update(signInAttempts)
    .set({ failures: sql`greatest(${signInAttempts.failures} - 1, 0)`, nextAttemptAt: now })
    .where(eq(signInAttempts.key, key));
}

export type SignInOutcome<T> = { ok: true; user: T } | { ok: false; error: string; retryAfterSeconds?: number };

/**
 * Runs one sign-in check under the limits: the address's (when known), then the account's. A refused
 * attempt is never checked; a success clears the account's counter and gives the address its attempt
 * back; an error from the check (an outage, a full hashing queue) gives both back and is rethrown.
 */
export async function rateLimitedSignIn<T>(
  db: Db,
  params: { email: string; ip: string | null; now?: Date },
  check: () => Promise<T | null>,
): Promise<SignInOutcome<T>> {
  const now = params.now ?? new Date();
  const account = accountKey("sign-in", params.email);
  const address = params.ip ? addressKey("sign-in", params.ip) : null;
  if (address) {
    const gate = await reserveWindowAttempt(db, address, ADDRESS_LIMIT, ADDRESS_WINDOW_SECONDS, now);
    if (!gate.allowed) return refused(gate.retryAfterSeconds);
  }
  const gate = await reserveAccountAttempt(db, account, now);
  if (!gate.allowed) {
    if (address) await releaseAttempt(db, address, now);
    return refused(gate.retryAfterSeconds);
  }
  let user: T | null;
  try {
    user = await check();
  } catch (error) {
    await releaseAttempt(db, account, now);
    if (address) await releaseAttempt(db, address, now);
    throw error;
  }
  if (!user) return { ok: false, error: WRONG_CREDENTIALS };
  await clearAttempts(db, account);
  if (address) await releaseAttempt(db, address, now);
  return { ok: true, user };
}

function refused(retryAfterSeconds: number): SignInOutcome<never> {
  return { ok: false, error: tooManyAttemptsMessage(retryAfterSeconds), retryAfterSeconds };
}

function secondsUntil(moment: Date, now: Date): number {
  return Math.max(1, Math.ceil((moment.getTime() - now.getTime()) / 1000));
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  if (retryAfterSeconds < 60) return `Too many attempts, try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? "second" : "seconds"}.`;
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
