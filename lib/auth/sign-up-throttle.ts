import type { Db } from "@/db/client";
import { accountKey, addressKey, reserveWindowAttempt, type Gate } from "./rate-limit";

// Sign-up answers whether an email already has an account, so it is throttled like sign-in: per
// email, per trusted address (when TRUSTED_PROXY_COUNT says there is one), and globally, which bounds
// how fast anyone can probe emails however many addresses they use.
export const SIGN_UP_PER_EMAIL = 5;
export const SIGN_UP_PER_ADDRESS = 10;
export const SIGN_UP_WINDOW_SECONDS = 60 * 60;
export const SIGN_UP_GLOBAL = 100;
export const SIGN_UP_GLOBAL_WINDOW_SECONDS = 10 * 60;

export async function reserveSignUp(db: Db, params: { email: string; ip: string | null; now?: Date }): Promise<Gate> {
  const now = params.now ?? new Date();
  const gates: Array<() => Promise<Gate>> = [
    () => reserveWindowAttempt(db, accountKey("sign-up", params.email), SIGN_UP_PER_EMAIL, SIGN_UP_WINDOW_SECONDS, now),
    () => reserveWindowAttempt(db, accountKey("sign-up", "*"), SIGN_UP_GLOBAL, SIGN_UP_GLOBAL_WINDOW_SECONDS, now),
  ];
  if (params.ip) gates.unshift(() => reserveWindowAttempt(db, addressKey("sign-up", params.ip!), SIGN_UP_PER_ADDRESS, SIGN_UP_WINDOW_SECONDS, now));
  for (const gate of gates) {
    const outcome = await gate();
    if (!outcome.allowed) return outcome;
  }
  return { allowed: true };
}
