import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import {
  accountKey,
  ADDRESS_LIMIT,
  addressKey,
  delayAfterFailures,
  FREE_FAILURES,
  rateLimitedSignIn,
  tooManyAttemptsMessage,
  WRONG_CREDENTIALS,
} from "./rate-limit";

const T0 = new Date("2026-11-25T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const wrong = async () => null;
const right = async () => ({ id: "u" });

describe("tooManyAttemptsMessage", () => {
  it.each([
    [900, "Too many attempts, try again in 15 minutes."],
    [61, "Too many attempts, try again in 2 minutes."],
    [60, "Too many attempts, try again in 1 minute."],
    [15, "Too many attempts, try again in 15 seconds."],
    [1, "Too many attempts, try again in 1 second."],
  ])("%i s → %s", (seconds, message) => {
    expect(tooManyAttemptsMessage(seconds)).toBe(message);
  });
});

describe("delayAfterFailures", () => {
  it.each([
    [0, 0], [4, 0], [5, 15], [6, 30], [7, 60], [10, 480], [11, 900], [12, 900], [10_000, 900],
  ])("after %i failures in a row: %i s", (failures, seconds) => {
    expect(delayAfterFailures(failures)).toBe(seconds);
  });
});

describe.each(TEST_DRIVERS)("sign-in throttling on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  let n = 0;
  const email = () => `limit-${++n}@example.test`;
  const fail = (who: string, s: number, ip: string | null = null) => rateLimitedSignIn(handle.db, { email: who, ip, now: at(s) }, wrong);

  it("lets a few failures through, then makes each next attempt wait longer, never refusing for good", async () => {
    const who = email();
    for (let i = 0; i < FREE_FAILURES - 1; i++) expect(await fail(who, 0)).toEqual({ ok: false, error: WRONG_CREDENTIALS });
    // The fifth failure is checked; it starts the first delay.
    expect(await fail(who, 0)).toEqual({ ok: false, error: WRONG_CREDENTIALS });
    let checked = false;
    const early = await rateLimitedSignIn(handle.db, { email: who, ip: null, now: at(10) }, async () => {
      checked = true;
      return { id: "u" };
    });
    expect(early).toEqual({ ok: false, error: "Too many attempts, try again in 5 seconds.", retryAfterSeconds: 5 });
    expect(checked).toBe(false);
    // After the delay one more guess is checked, and the next delay doubles.
    expect(await fail(who, 15)).toEqual({ ok: false, error: WRONG_CREDENTIALS });
    expect(await fail(who, 16)).toMatchObject({ retryAfterSeconds: 29 });
    // The right password once the delay has passed signs in: a delay, not a lockout.
    expect(await rateLimitedSignIn(handle.db, { email: who, ip: null, now: at(45) }, right)).toEqual({ ok: true, user: { id: "u" } });
    expect(await fail(who, 46)).toEqual({ ok: false, error: WRONG_CREDENTIALS });
  });

  it("throttles the account whatever address the attempts claim to come from", async () => {
    const who = email();
    for (let i = 0; i < FREE_FAILURES; i++) await fail(who, 0, `203.0.113.${i}`);
    expect(await rateLimitedSignIn(handle.db, { email: who, ip: "198.51.100.77", now: at(1) }, right)).toMatchObject({
      ok: false,
      retryAfterSeconds: 14,
    });
    // The same email in other letter case is the same account.
    expect(await rateLimitedSignIn(handle.db, { email: who.toUpperCase(), ip: null, now: at(1) }, right)).toMatchObject({ ok: false });
    expect(await rateLimitedSignIn(handle.db, { email: email(), ip: null, now: at(1) }, right)).toMatchObject({ ok: true });
  });

  it("limits one trusted address across many accounts", async () => {
    const ip = "192.0.2.200";
    for (let i = 0; i < ADDRESS_LIMIT; i++) expect(await fail(email(), 0, ip)).toEqual({ ok: false, error: WRONG_CREDENTIALS });
    expect(await fail(email(), 1, ip)).toMatchObject({ ok: false, retryAfterSeconds: 15 * 60 - 1 });
    expect(await fail(email(), 1, "192.0.2.201")).toEqual({ ok: false, error: WRONG_CREDENTIALS });
    expect(await fail(email(), 15 * 60, ip)).toEqual({ ok: false, error: WRONG_CREDENTIALS });
  });

  it("holds under a burst of parallel guesses: only the free ones are checked", async () => {
    const who = email();
    let checks = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        rateLimitedSignIn(handle.db, { email: who, ip: null, now: at(0) }, async () => {
          checks++;
          return null;
        }),
      ),
    );
    expect(checks).toBe(FREE_FAILURES);
    expect(results.filter((r) => !r.ok && r.retryAfterSeconds)).toHaveLength(12 - FREE_FAILURES);
  });

  it("gives the attempt back when the check itself fails (an outage or a full queue is not a wrong password)", async () => {
    const who = email();
    for (let i = 0; i < FREE_FAILURES - 1; i++) await fail(who, 0);
    await expect(
      rateLimitedSignIn(handle.db, { email: who, ip: "192.0.2.9", now: at(0) }, async () => {
        throw new Error("identity provider unreachable");
      }),
    ).rejects.toThrow("unreachable");
    expect(await fail(who, 0)).toEqual({ ok: false, error: WRONG_CREDENTIALS });
  });

  it("starts again after a day without attempts", async () => {
    const who = email();
    for (let i = 0; i < FREE_FAILURES + 3; i++) await fail(who, i * 3600);
    expect(await fail(who, 7 * 3600 + 10)).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    const dayLater = 7 * 3600 + 86_400 + 1;
    for (let i = 0; i < FREE_FAILURES; i++) expect(await fail(who, dayLater)).toEqual({ ok: false, error: WRONG_CREDENTIALS });
  });

  it("stores neither the email nor the address", async () => {
    await fail("private@example.test", 0, "192.0.2.55");
    const keys = (await handle.db.select({ key: signInAttempts.key }).from(signInAttempts)).map((r) => r.key);
    expect(keys.some((k) => k.includes("private") || k.includes("192.0.2.55"))).toBe(false);
    expect(keys).toEqual(expect.arrayContaining([accountKey("sign-in", "private@example.test"), addressKey("sign-in", "192.0.2.55")]));
  });
});
