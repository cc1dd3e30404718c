import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { authUsers, userSessions } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeUser } from "@/test/fixtures";
import { AppError } from "@/lib/result";
import { changePassword, WRONG_CURRENT_PASSWORD } from "./change-password";
import { SESSION_CHECK_CACHE_MS } from "./config";
import { verifyCredentials } from "./credentials";
import { hashPassword } from "./password";
import { isUserSessionActive, revokeUserSession, revokeUserSessions, startUserSession } from "./user-sessions";

const DAY_MS = 86_400_000;

describe.each(TEST_DRIVERS)("built-in sessions on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  const active = (userId: string, sessionId: string, now?: Date) => isUserSessionActive(handle.db, { userId, sessionId, now });

  it("a signed-out session stays signed out, though its token would still verify", async () => {
    const user = await makeUser(handle.db, "signout");
    const session = await startUserSession(handle.db, user.id);
    expect(await active(user.id, session.id)).toBe(true);
    await revokeUserSession(handle.db, { userId: user.id, sessionId: session.id });
    expect(await active(user.id, session.id)).toBe(false);
  });

  it("ends 30 days after it started, however often it was used", async () => {
    const user = await makeUser(handle.db, "lifetime");
    const started = new Date(Date.now() - 31 * DAY_MS);
    const session = await startUserSession(handle.db, user.id, started);
    expect(session.expiresAt.getTime() - started.getTime()).toBeLessThanOrEqual(30 * DAY_MS);
    expect(await active(user.id, session.id)).toBe(false);
    const recent = await startUserSession(handle.db, user.id, new Date(Date.now() - 29 * DAY_MS));
    expect(await active(user.id, recent.id)).toBe(true);
  });

  it("belongs to its user only, and a malformed id is simply not a session", async () => {
    const owner = await makeUser(handle.db, "owner");
    const other = await makeUser(handle.db, "other");
    const session = await startUserSession(handle.db, owner.id);
    expect(await active(other.id, session.id)).toBe(false);
    expect(await active(owner.id, "not-a-uuid")).toBe(false);
    expect(await active(owner.id, crypto.randomUUID())).toBe(false);
  });

  it("signing out everywhere revokes every session; keeping one spares only that one", async () => {
    const user = await makeUser(handle.db, "everywhere");
    const [a, b, c] = [await startUserSession(handle.db, user.id), await startUserSession(handle.db, user.id), await startUserSession(handle.db, user.id)];
    for (const s of [a, b, c]) expect(await active(user.id, s.id)).toBe(true);
    expect(await revokeUserSessions(handle.db, { userId: user.id, exceptSessionId: a.id })).toBe(2);
    expect([await active(user.id, a.id), await active(user.id, b.id), await active(user.id, c.id)]).toEqual([true, false, false]);
    expect(await revokeUserSessions(handle.db, { userId: user.id })).toBe(1);
    expect(await active(user.id, a.id)).toBe(false);
  });

  it("a revocation made by another process is seen once the short cache has passed", async () => {
    const user = await makeUser(handle.db, "cache");
    const session = await startUserSession(handle.db, user.id);
    const now = new Date();
    expect(await active(user.id, session.id, now)).toBe(true);
    // Another process revokes the row directly; this process's cache still says active for a moment.
    await handle.db.update(userSessions).set({ revokedAt: new Date() }).where(eq(userSessions.id, session.id));
    expect(await active(user.id, session.id, new Date(now.getTime() + 1000))).toBe(true);
    expect(await active(user.id, session.id, new Date(now.getTime() + SESSION_CHECK_CACHE_MS))).toBe(false);
  });

  it("changing the password needs the current one, stores the new one and revokes the other sessions", async () => {
    const user = await makeUser(handle.db, "change");
    await handle.db.update(authUsers).set({ encryptedPassword: await hashPassword("old-password") }).where(eq(authUsers.id, user.id));
    const mine = await startUserSession(handle.db, user.id);
    const stolen = await startUserSession(handle.db, user.id);
    const wrong = await changePassword(handle.db, { userId: user.id, currentPassword: "guess", newPassword: "new-password", keepSessionId: mine.id }).catch((e) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect(wrong).toMatchObject({ message: WRONG_CURRENT_PASSWORD, fieldErrors: { currentPassword: WRONG_CURRENT_PASSWORD } });
    expect(await active(user.id, stolen.id)).toBe(true);

    expect(await changePassword(handle.db, { userId: user.id, currentPassword: "old-password", newPassword: "new-password", keepSessionId: mine.id })).toEqual({ revoked: 1 });
    expect(await active(user.id, mine.id)).toBe(true);
    expect(await active(user.id, stolen.id)).toBe(false);
    expect(await verifyCredentials(handle.db, { email: user.email, password: "old-password" })).toBeNull();
    expect(await verifyCredentials(handle.db, { email: user.email, password: "new-password" })).toEqual({ id: user.id, email: user.email });
  });

  it("a stolen cookie cannot guess the current password quickly: the account's sign-in throttle applies", async () => {
    const user = await makeUser(handle.db, "guess");
    await handle.db.update(authUsers).set({ encryptedPassword: await hashPassword("the-password") }).where(eq(authUsers.id, user.id));
    const mine = await startUserSession(handle.db, user.id);
    const attempt = (currentPassword: string) =>
      changePassword(handle.db, { userId: user.id, currentPassword, newPassword: "attacker-pass", keepSessionId: mine.id }).catch((e: AppError) => e.code);
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(await attempt(`guess-${i}`));
    expect(codes).toEqual(["invalid_input", "invalid_input", "invalid_input", "invalid_input", "invalid_input", "rate_limited"]);
    expect(await attempt("the-password")).toBe("rate_limited");
  });
});
