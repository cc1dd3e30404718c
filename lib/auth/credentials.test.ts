import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { authUsers, profiles, workspaceMembers, workspaces } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { AppError } from "@/lib/result";
import { EMAIL_TAKEN, registerAccount, verifyCredentials } from "./credentials";
import { signInSchema, signUpSchema } from "./schemas";

describe("the account forms' schemas", () => {
  it("normalise the email and explain each problem", () => {
    expect(signInSchema.parse({ email: "  Ana@Example.TEST ", password: "x" }).email).toBe("ana@example.test");
    const bad = signUpSchema.safeParse({ email: "nope", password: "short", workspaceName: "" });
    expect(bad.success).toBe(false);
    expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      email: "Enter a valid email address",
      password: "Use at least 8 characters",
    });
    expect(signInSchema.safeParse({ email: "", password: "" }).error?.issues.map((i) => i.message)).toEqual([
      "Enter your email",
      "Enter your password",
    ]);
  });

  it("treat a blank workspace name as none", () => {
    expect(signUpSchema.parse({ email: "a@b.test", password: "long enough", workspaceName: "  " }).workspaceName).toBeUndefined();
  });
});

describe.each(TEST_DRIVERS)("built-in accounts on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("sign-up creates the user, their profile and their own workspace with them as admin", async () => {
    const account = await registerAccount(handle.db, { email: "Founder@Example.test", password: "s3cret-pass", workspaceName: "Acme" });
    expect(account.email).toBe("founder@example.test");
    const [user] = await handle.db.select().from(authUsers).where(eq(authUsers.id, account.id));
    expect(user.encryptedPassword).toMatch(/^scrypt\$/);
    expect(user.encryptedPassword).not.toContain("s3cret-pass");
    expect(await handle.db.select({ email: profiles.email }).from(profiles).where(eq(profiles.id, account.id))).toEqual([
      { email: "founder@example.test" },
    ]);
    const memberships = await handle.db
      .select({ name: workspaces.name, role: workspaceMembers.role, id: workspaces.id })
      .from(workspaceMembers)
      .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
      .where(eq(workspaceMembers.userId, account.id));
    expect(memberships).toEqual([{ name: "Acme", role: "admin", id: account.workspaceId }]);
  });

  it("names the workspace after the email when no name is given", async () => {
    const account = await registerAccount(handle.db, { email: "maria@example.test", password: "s3cret-pass" });
    const [ws] = await handle.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, account.workspaceId));
    expect(ws.name).toBe("maria's workspace");
  });

  it("refuses an email that already has an account, in any letter case, and writes nothing", async () => {
    await registerAccount(handle.db, { email: "taken@example.test", password: "s3cret-pass" });
    const before = await handle.db.select({ id: workspaces.id }).from(workspaces);
    const error = await registerAccount(handle.db, { email: "TAKEN@example.test", password: "other-pass" }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conflict", message: EMAIL_TAKEN, fieldErrors: { email: EMAIL_TAKEN } });
    expect(await handle.db.select({ id: workspaces.id }).from(workspaces)).toHaveLength(before.length);
  });

  it("two sign-ups for one email at once: one account, and the other hears why", async () => {
    const results = await Promise.allSettled([
      registerAccount(handle.db, { email: "race@example.test", password: "s3cret-pass" }),
      registerAccount(handle.db, { email: "race@example.test", password: "s3cret-pass" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ message: EMAIL_TAKEN });
    expect(await handle.db.select().from(authUsers).where(eq(authUsers.email, "race@example.test"))).toHaveLength(1);
  });

  it("sign-in accepts the right password (any email case) and nothing else", async () => {
    const account = await registerAccount(handle.db, { email: "signin@example.test", password: "right-password" });
    expect(await verifyCredentials(handle.db, { email: "SignIn@example.test", password: "right-password" })).toEqual({
      id: account.id,
      email: "signin@example.test",
    });
    expect(await verifyCredentials(handle.db, { email: "signin@example.test", password: "wrong-password" })).toBeNull();
    expect(await verifyCredentials(handle.db, { email: "nobody@example.test", password: "right-password" })).toBeNull();
  });

  it("a user without a password (created elsewhere) cannot sign in with any", async () => {
    const [user] = await handle.db.insert(authUsers).values({ id: crypto.randomUUID(), email: "nopass@example.test" }).returning();
    expect(user.encryptedPassword).toBeNull();
    expect(await verifyCredentials(handle.db, { email: "nopass@example.test", password: "" })).toBeNull();
  });
});
