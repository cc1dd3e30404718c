import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { reserveSignUp, SIGN_UP_GLOBAL, SIGN_UP_PER_ADDRESS, SIGN_UP_PER_EMAIL } from "./sign-up-throttle";

const T0 = new Date("2026-11-25T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

// Sign-up says whether an email is taken, so probing it is throttled per email, per trusted address
// and globally. Each case gets its own database: the global counter is shared by everything in one.
describe.each(TEST_DRIVERS)("sign-up throttling on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("allows a few sign-ups per email per hour, then says how long to wait", async () => {
    const email = "probe@example.test";
    for (let i = 0; i < SIGN_UP_PER_EMAIL; i++) expect(await reserveSignUp(handle.db, { email, ip: null, now: at(0) })).toEqual({ allowed: true });
    expect(await reserveSignUp(handle.db, { email: email.toUpperCase(), ip: null, now: at(60) })).toEqual({ allowed: false, retryAfterSeconds: 3540 });
    expect(await reserveSignUp(handle.db, { email, ip: null, now: at(3600) })).toEqual({ allowed: true });
  });

  it("limits one trusted address across emails", async () => {
    for (let i = 0; i < SIGN_UP_PER_ADDRESS; i++) {
      expect(await reserveSignUp(handle.db, { email: `addr-${i}@example.test`, ip: "192.0.2.4", now: at(0) })).toEqual({ allowed: true });
    }
    expect(await reserveSignUp(handle.db, { email: "addr-x@example.test", ip: "192.0.2.4", now: at(0) })).toMatchObject({ allowed: false });
    expect(await reserveSignUp(handle.db, { email: "addr-y@example.test", ip: "192.0.2.5", now: at(0) })).toEqual({ allowed: true });
  });

  it("caps sign-ups across the whole app, however many emails and addresses are used", async () => {
    const fresh = await createTestDb(driver);
    try {
      const results = [];
      for (let i = 0; i <= SIGN_UP_GLOBAL; i++) {
        results.push(await reserveSignUp(fresh.db, { email: `many-${i}@example.test`, ip: `198.51.100.${i % 250}`, now: at(0) }));
      }
      expect(results.slice(0, SIGN_UP_GLOBAL).every((r) => r.allowed)).toBe(true);
      expect(results[SIGN_UP_GLOBAL]).toEqual({ allowed: false, retryAfterSeconds: 600 });
    } finally {
      await fresh.close();
    }
  });
});
