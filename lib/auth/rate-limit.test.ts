import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import {
  rateLimitedSignIn,
  signInAttemptKey,
  SIGN_IN_LIMIT,
  tooManyAttemptsMessage,
  WRONG_CREDENTIALS,
} from "./rate-limit";

const T0 = new Date("2026-11-25T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const wrong = async () => null;
const right = async () => ({ id: "u" });

describe("tooManyAttemptsMessage", () => {
  it.each([
    [900, "Too many attempts, try again in 15 minutes."],
    [61, "Too many attempts, try again in 2 minutes."],
    [60, "Too many attempts, try again in 1 minute."],
    [5, "Too many attempts, try again in 1 minute."],
  ])("%i s → %s", (seconds, message) => {
    expect(tooManyAttemptsMessage(seconds)).toBe(message);
  });
});

describe.each(TEST_DRIVERS)("sign-in rate limit on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  let n = 0;
  const fresh = () => ({ email: `limit-${++n}@example.test`, ip: "203.0.113.7" });

  it("allows 5 failures per 15 minutes, then says how long to wait, even for the right password", async () => {
    const who = fresh();
    for (let i = 1; i < SIGN_IN_LIMIT; i++) {
      expect(await rateLimitedSignIn(handle.db, { ...who, now: at(i) }, wrong)).toEqual({ ok: false, error: WRONG_CREDENTIALS, locked: false });
    }
    // The fifth failure uses the last attempt: the window opened at T0+1 min and ends at T0+16.
    expect(await rateLimitedSignIn(handle.db, { ...who, now: at(5) }, wrong)).toEqual({
      ok: false,
      error: "Too many attempts, try again in 11 minutes.",
      locked: true,
    });
    let checked = false;
    const outcome = await rateLimitedSignIn(handle.db, { ...who, now: at(10) }, async () => {
      checked = true;
      return { id: "u" };
    });
    expect(outcome).toEqual({ ok: false, error: "Too many attempts, try again in 6 minutes.", locked: true });
    expect(checked).toBe(false);
  });

  it("opens a new window once the old one has passed", async () => {
    const who = fresh();
    for (let i = 0; i < SIGN_IN_LIMIT; i++) await rateLimitedSignIn(handle.db, { ...who, now: at(0) }, wrong);
    expect((await rateLimitedSignIn(handle.db, { ...who, now: at(14) }, right)).ok).toBe(false);
    expect(await rateLimitedSignIn(handle.db, { ...who, now: at(15) }, right)).toEqual({ ok: true, user: { id: "u" } });
  });

  it("forgets the failures after a successful sign-in", async () => {
    const who = fresh();
    for (let i = 0; i < SIGN_IN_LIMIT - 1; i++) await rateLimitedSignIn(handle.db, { ...who, now: at(0) }, wrong);
    expect((await rateLimitedSignIn(handle.db, { ...who, now: at(1) }, right)).ok).toBe(true);
    const key = signInAttemptKey(who.email, who.ip);
    expect(await handle.db.select().from(signInAttempts).where(eq(signInAttempts.key, key))).toEqual([]);
    for (let i = 0; i < SIGN_IN_LIMIT - 1; i++) {
      expect(await rateLimitedSignIn(handle.db, { ...who, now: at(2) }, wrong)).toMatchObject({ locked: false });
    }
  });

  it("counts per email and address: another address, or another email, is not locked out", async () => {
    const who = fresh();
    for (let i = 0; i < SIGN_IN_LIMIT; i++) await rateLimitedSignIn(handle.db, { ...who, now: at(0) }, wrong);
    expect((await rateLimitedSignIn(handle.db, { ...who, now: at(1) }, right)).ok).toBe(false);
    expect((await rateLimitedSignIn(handle.db, { ...who, ip: "198.51.100.1", now: at(1) }, right)).ok).toBe(true);
    expect((await rateLimitedSignIn(handle.db, { ...fresh(), now: at(1) }, right)).ok).toBe(true);
    // The same email in other letter case is the same account.
    expect((await rateLimitedSignIn(handle.db, { ...who, email: who.email.toUpperCase(), now: at(1) }, right)).ok).toBe(false);
  });

  it("holds under a burst of parallel guesses: only 5 are checked", async () => {
    const who = fresh();
    let checks = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        rateLimitedSignIn(handle.db, { ...who, now: at(0) }, async () => {
          checks++;
          return null;
        }),
      ),
    );
    expect(checks).toBe(SIGN_IN_LIMIT);
    expect(results.filter((r) => r.ok === false && r.locked)).toHaveLength(12 - SIGN_IN_LIMIT + 1);
  });

  it("gives the attempt back when the check itself fails (an outage is not a wrong password)", async () => {
    const who = fresh();
    for (let i = 0; i < SIGN_IN_LIMIT - 1; i++) await rateLimitedSignIn(handle.db, { ...who, now: at(0) }, wrong);
    await expect(
      rateLimitedSignIn(handle.db, { ...who, now: at(0) }, async () => {
        throw new Error("identity provider unreachable");
      }),
    ).rejects.toThrow("unreachable");
    expect(await rateLimitedSignIn(handle.db, { ...who, now: at(0) }, right)).toEqual({ ok: true, user: { id: "u" } });
  });

  it("stores neither the email nor the address", async () => {
    const who = { email: "private@example.test", ip: "192.0.2.55" };
    await rateLimitedSignIn(handle.db, { ...who, now: at(0) }, wrong);
    const rows = await handle.db.select({ key: signInAttempts.key }).from(signInAttempts);
    expect(rows.some((r) => r.key.includes("private") || r.key.includes("192.0.2.55"))).toBe(false);
    expect(rows.map((r) => r.key)).toContain(signInAttemptKey(who.email, who.ip));
  });
});
