import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { decodeJwt, SignJWT } from "jose";
import { proxy } from "@/proxy";
import { resetEnvCache } from "@/lib/env";
import { SESSION_COOKIE } from "./config";
import { signSessionToken } from "./jwt";
import { authSecret, resetAuthSecretCache } from "./secret";
import { decodeSessionCookies, makeSession, sessionCookies, startSupabaseStandIn, type StandIn } from "./supabase-stand-in";

// The proxy refreshes sessions and turns away visitors without one; it never opens the database.

const VARS = ["NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "NEXT_PUBLIC_SUPABASE_ANON_KEY", "AUTH_SECRET"] as const;
let saved: Record<string, string | undefined>;
beforeAll(() => {
  saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
});
afterAll(() => {
  for (const k of VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvCache();
  resetAuthSecretCache();
});

function request(path: string, cookies: Array<{ name: string; value: string }> = []): NextRequest {
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return new NextRequest(new URL(path, "http://app.test"), { headers: cookie ? { cookie } : {} });
}

const DAY = 24 * 3600;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const user = {
  id: "3f1f4b1e-9a6d-4a43-8f2f-6c1d1e2b7a90",
  email: "pat@example.test",
  sessionId: "0e5b8f0c-1d2a-4c3b-9e8f-7a6b5c4d3e2f",
  sessionExpiresAt: nowSeconds() + 30 * DAY,
};

/** A token as an attacker would keep it: validly signed, but built by hand to test the limits. */
async function handMadeToken(payload: Record<string, unknown>, iat: number, exp: number): Promise<string> {
  return new SignJWT({ role: "authenticated", email: user.email, ...payload })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setIssuer("crm-automations")
    .setAudience("authenticated")
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(authSecret());
}

describe("the proxy, built-in accounts", () => {
  beforeEach(() => {
    for (const k of VARS) delete process.env[k];
    process.env.AUTH_SECRET = "proxy-test-secret-proxy-test-secret-123";
    resetEnvCache();
    resetAuthSecretCache();
  });

  it.each(["/settings/automations", "/settings/members", "/activities", "/settings/logs?status=failed"])(
    "sends a visitor without a session from %s to sign-in, remembering the page",
    async (path) => {
      const response = await proxy(request(path));
      expect(response.status).toBe(307);
      expect(response.headers.get("location")).toBe(`http://app.test/sign-in?next=${encodeURIComponent(path)}`);
    },
  );

  it("lets a visitor without a session see the sign-in page, and tells pages which path was asked for", async () => {
    const response = await proxy(request("/sign-in?next=%2Factivities"));
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-request-x-next-path")).toBe("/sign-in?next=%2Factivities");
  });

  it("lets a signed-in user through without re-issuing a fresh session", async () => {
    const token = await signSessionToken(user, authSecret());
    const response = await proxy(request("/settings/automations", [{ name: SESSION_COOKIE, value: token }]));
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-request-x-next-path")).toBe("/settings/automations");
    expect(response.cookies.get(SESSION_COOKIE)).toBeUndefined();
  });

  it("turns away a forged or expired session cookie", async () => {
    const forged = await signSessionToken(user, new TextEncoder().encode("not-the-secret-not-the-secret-123456"));
    expect((await proxy(request("/activities", [{ name: SESSION_COOKIE, value: forged }]))).status).toBe(307);
    const expired = await signSessionToken(user, authSecret(), { now: new Date(Date.now() - 8 * 24 * 3600 * 1000) });
    expect((await proxy(request("/activities", [{ name: SESSION_COOKIE, value: expired }]))).status).toBe(307);
  });

  it("re-issues a session older than a day, as an httpOnly SameSite=Lax cookie", async () => {
    const old = await signSessionToken(user, authSecret(), { now: new Date(Date.now() - 2 * 24 * 3600 * 1000) });
    const response = await proxy(request("/settings/automations", [{ name: SESSION_COOKIE, value: old }]));
    const fresh = response.cookies.get(SESSION_COOKIE);
    expect(fresh?.value).toBeTruthy();
    expect(fresh).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    expect(decodeJwt(fresh!.value).iat).toBeGreaterThan(decodeJwt(old).iat!);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("never re-issues a token past its session's absolute end", async () => {
    const ending = { ...user, sessionExpiresAt: nowSeconds() + 3600 };
    const old = await signSessionToken(ending, authSecret(), { now: new Date(Date.now() - 2 * DAY * 1000) });
    const response = await proxy(request("/settings/automations", [{ name: SESSION_COOKIE, value: old }]));
    const fresh = decodeJwt(response.cookies.get(SESSION_COOKIE)!.value);
    expect(fresh.exp).toBe(ending.sessionExpiresAt);
    expect(fresh).toMatchObject({ sid: user.sessionId, sexp: ending.sessionExpiresAt });
  });

  it("refuses a 6.9-day-old token of a session that began 31 days ago, and does not refresh it", async () => {
    const iat = nowSeconds() - Math.round(6.9 * DAY);
    const token = await handMadeToken({ sid: user.sessionId, sexp: nowSeconds() - DAY }, iat, iat + 7 * DAY);
    const response = await proxy(request("/activities", [{ name: SESSION_COOKIE, value: token }]));
    expect(response.status).toBe(307);
    expect(response.cookies.get(SESSION_COOKIE)).toBeUndefined();
  });

  it("refuses a token without a session id (issued before sessions could be revoked)", async () => {
    const iat = nowSeconds() - Math.round(6.9 * DAY);
    const legacy = await handMadeToken({}, iat, iat + 7 * DAY);
    expect((await proxy(request("/activities", [{ name: SESSION_COOKIE, value: legacy }]))).status).toBe(307);
  });

  it("never opens the database", async () => {
    await proxy(request("/settings/automations"));
    expect(Reflect.get(globalThis, "__crmDb")).toBeUndefined();
  });
});

describe("the proxy, Supabase mode", () => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = await startSupabaseStandIn();
  });
  afterAll(async () => standIn?.close());
  beforeEach(() => {
    for (const k of VARS) delete process.env[k];
    process.env.NEXT_PUBLIC_SUPABASE_URL = standIn.url;
    process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY = "sb_publishable_offline_test";
    resetEnvCache();
  });

  const person = { sub: "8a6a1d52-0f5e-4c8b-9b0e-2d7f3c4e5a61", email: "lee@example.test" };

  it("refreshes an expired session and hands the new tokens to both the page and the browser", async () => {
    standIn.refreshable.set("proxy-refresh", person);
    const stale = await makeSession(standIn, { ...person, expiresIn: -60, refreshToken: "proxy-refresh" });
    const response = await proxy(request("/settings/automations", sessionCookies(standIn.cookieName, stale)));
    expect(response.headers.get("location")).toBeNull();
    const written = decodeSessionCookies(
      standIn.cookieName,
      response.cookies.getAll().map((c) => ({ name: c.name, value: c.value })),
    );
    expect(written?.refresh_token).toBe("rotated-proxy-refresh");
    // The page rendering this request reads the refreshed cookie, not the stale one.
    expect(response.headers.get("x-middleware-request-cookie")).toContain(standIn.cookieName);
    expect(response.headers.get("x-middleware-request-cookie")).not.toContain(sessionCookies(standIn.cookieName, stale)[0].value);
  });

  it("turns away a session whose token fails verification", async () => {
    const { generateKeyPair } = await import("jose");
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await makeSession(standIn, { ...person, key: privateKey });
    const response = await proxy(request("/activities", sessionCookies(standIn.cookieName, forged)));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://app.test/sign-in?next=%2Factivities");
  });

  it("lets a valid session through untouched", async () => {
    const session = await makeSession(standIn, person);
    const response = await proxy(request("/activities", sessionCookies(standIn.cookieName, session)));
    expect(response.headers.get("location")).toBeNull();
    expect(response.cookies.getAll()).toEqual([]);
  });
});
