import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { generateKeyPair } from "jose";
import type { DbHandle } from "@/db/client";
import { automations, profiles, workspaceMembers } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { resetEnvCache } from "@/lib/env";
import { createWorkspace } from "@/lib/workspaces/create-account";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeUser } from "@/test/fixtures";
import { readIdentity } from "./claims";
import { authProvider } from "./provider";
import { resolveSession } from "./resolve-session";
import type { CookieToSet, SupabaseCookieJar } from "./supabase";
import { decodeSessionCookies, makeSession, sessionCookies, startSupabaseStandIn, type StandIn } from "./supabase-stand-in";

// Supabase mode, offline: a local HTTP server stands in for the project's auth server (its JWKS
// endpoint above all), and requests carry a session cookie in @supabase/ssr's format.

function jar(cookies: Array<{ name: string; value: string }>): SupabaseCookieJar & { written: CookieToSet[] } {
  const written: CookieToSet[] = [];
  return { getAll: () => cookies, setAll: (toSet) => written.push(...toSet), written };
}

const SAVED = ["NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "NEXT_PUBLIC_SUPABASE_ANON_KEY"] as const;
let saved: Record<string, string | undefined>;
let standIn: StandIn;

beforeAll(async () => {
  standIn = await startSupabaseStandIn();
  saved = Object.fromEntries(SAVED.map((k) => [k, process.env[k]]));
  process.env.NEXT_PUBLIC_SUPABASE_URL = standIn.url;
  process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY = "sb_publishable_offline_test";
  delete process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  resetEnvCache();
});
afterAll(async () => {
  for (const k of SAVED) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvCache();
  await standIn?.close();
});
afterEach(() => {
  standIn.hits.length = 0;
});

const automation = (workspaceId: string, ownerId: string, name: string) => ({
  workspaceId, ownerId, name, trigger: { type: "deal.created" }, triggerType: "deal.created", actions: [],
});

const user = { sub: "5d0c4a52-3b8e-4d55-9a43-0c8f1c2a7e10", email: "sam@example.test" };

/** Supabase mode never opens the database to read claims. */
const readClaims = async (j: Parameters<typeof readIdentity>[0]) =>
  (await readIdentity(j, () => Promise.reject(new Error("the database was opened"))))?.claims ?? null;

describe("Supabase mode, offline", () => {
  it("is the provider once the URL and a publishable key are set", () => {
    expect(authProvider()).toBe("supabase");
  });

  it("accepts an ES256 token from the session cookie, verified against the JWKS", async () => {
    const cookies = sessionCookies(standIn.cookieName, await makeSession(standIn, user));
    expect(cookies).toHaveLength(1);
    expect(cookies[0].value.startsWith("base64-")).toBe(true);
    expect(await readClaims(jar(cookies))).toEqual({ sub: user.sub, email: user.email, role: "authenticated" });
    expect(standIn.hits.filter((h) => h !== "GET /auth/v1/.well-known/jwks.json")).toEqual([]);
  });

  it("reads a session split into chunks (.0, .1, …) above 3180 characters", async () => {
    const session = await makeSession(standIn, { ...user, userMetadata: { bio: "x".repeat(1800) } });
    const cookies = sessionCookies(standIn.cookieName, session);
    expect(cookies.map((c) => c.name)).toEqual([`${standIn.cookieName}.0`, `${standIn.cookieName}.1`]);
    expect(cookies[0].value).toHaveLength(3180);
    expect(await readClaims(jar(cookies))).toEqual({ sub: user.sub, email: user.email, role: "authenticated" });
  });

  it("refuses a token signed with another key under the project's key id", async () => {
    const { privateKey: otherKey } = await generateKeyPair("ES256");
    const cookies = sessionCookies(standIn.cookieName, await makeSession(standIn, { ...user, key: otherKey }));
    expect(await readClaims(jar(cookies))).toBeNull();
  });

  it("refuses a token signed with a key the project does not publish (the auth server says no)", async () => {
    const { privateKey: otherKey } = await generateKeyPair("ES256");
    const cookies = sessionCookies(standIn.cookieName, await makeSession(standIn, { ...user, key: otherKey, kid: "unknown-kid" }));
    expect(await readClaims(jar(cookies))).toBeNull();
    expect(standIn.hits).toContain("GET /auth/v1/user");
  });

  it("refuses an expired token whose refresh the auth server rejects", async () => {
    const cookies = sessionCookies(standIn.cookieName, await makeSession(standIn, { ...user, expiresIn: -120, refreshToken: "revoked" }));
    const cookieJar = jar(cookies);
    expect(await readClaims(cookieJar)).toBeNull();
    expect(standIn.hits).toContain("POST /auth/v1/token");
  });

  it("refreshes an expired session it can refresh, and writes the new tokens to the cookies", async () => {
    standIn.refreshable.set("still-good", user);
    const cookies = sessionCookies(standIn.cookieName, await makeSession(standIn, { ...user, expiresIn: -120, refreshToken: "still-good" }));
    const cookieJar = jar(cookies);
    expect(await readClaims(cookieJar)).toEqual({ sub: user.sub, email: user.email, role: "authenticated" });
    const written = decodeSessionCookies(standIn.cookieName, cookieJar.written);
    expect(written?.refresh_token).toBe("rotated-still-good");
    expect(written?.access_token).not.toBe(decodeSessionCookies(standIn.cookieName, cookies)?.access_token);
  });

  it("refuses a token that is not a signed-in user's (role anon)", async () => {
    const cookies = sessionCookies(standIn.cookieName, await makeSession(standIn, { ...user, role: "anon" }));
    expect(await readClaims(jar(cookies))).toBeNull();
  });

  it("without a cookie there is no session", async () => {
    expect(await readClaims(jar([]))).toBeNull();
    expect(await readClaims(jar([{ name: "sb-other-auth-token", value: "base64-e30" }]))).toBeNull();
  });
});

describe.each(TEST_DRIVERS)("Supabase sessions and row-level security on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("a first sign-in gets a profile and a workspace, and the database then acts as that user", async () => {
    const newcomer = { sub: crypto.randomUUID(), email: "first.timer@example.test" };
    const claims = await readClaims(jar(sessionCookies(standIn.cookieName, await makeSession(standIn, newcomer))));
    expect(claims).not.toBeNull();
    const session = await resolveSession(handle.db, claims!, { provider: "supabase" });
    expect(session?.workspace).toMatchObject({ role: "admin", name: "first.timer's workspace" });
    expect(await handle.db.select({ email: profiles.email }).from(profiles).where(eq(profiles.id, newcomer.sub))).toEqual([
      { email: newcomer.email },
    ]);

    // Rows of theirs and of someone else's workspace, written on the service path.
    const stranger = await makeUser(handle.db, "stranger");
    const strangers = await createWorkspace(handle.db, { name: "Stranger's", adminId: stranger.id });
    await handle.db.insert(automations).values([
      automation(session!.workspace.id, newcomer.sub, "Mine"),
      automation(strangers.id, stranger.id, "Theirs"),
    ]);

    const seen = await withUser(handle.db, session!.claims, async (tx) => ({
      uid: await tx.execute(sql`select auth.uid()::text as uid`),
      names: await tx.select({ name: automations.name }).from(automations),
      members: await tx.select({ userId: workspaceMembers.userId }).from(workspaceMembers),
    }));
    const uidRows = Array.isArray(seen.uid) ? seen.uid : (seen.uid as unknown as { rows: unknown[] }).rows;
    expect(uidRows).toEqual([{ uid: newcomer.sub }]);
    expect(seen.names).toEqual([{ name: "Mine" }]);
    expect(seen.members).toEqual([{ userId: newcomer.sub }]);

    // A write into the stranger's workspace is refused by the database itself.
    const refused = await withUser(handle.db, session!.claims, (tx) =>
      tx.insert(automations).values(automation(strangers.id, newcomer.sub, "Intrusion")),
    ).catch((e: unknown) => e);
    expect((refused as { cause?: { code?: string } }).cause?.code).toBe("42501");
  });

  it("a returning user keeps their workspace: nothing new is created", async () => {
    const returning = { sub: crypto.randomUUID(), email: "regular@example.test" };
    const cookies = () => makeSession(standIn, returning).then((s) => sessionCookies(standIn.cookieName, s));
    const first = await resolveSession(handle.db, (await readClaims(jar(await cookies())))!, { provider: "supabase" });
    const second = await resolveSession(handle.db, (await readClaims(jar(await cookies())))!, { provider: "supabase" });
    expect(second?.workspace.id).toBe(first?.workspace.id);
    expect(await handle.db.select().from(workspaceMembers).where(eq(workspaceMembers.userId, returning.sub))).toHaveLength(1);
  });
});
