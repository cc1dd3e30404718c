import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { authUsers, profiles, workspaceMembers, workspaces } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeUser } from "@/test/fixtures";
import { createWorkspace } from "@/lib/workspaces/create-account";
import { resolveSession } from "./resolve-session";

describe.each(TEST_DRIVERS)("resolveSession on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("picks the oldest membership, or the workspace cookie when the user belongs there", async () => {
    const user = await makeUser(handle.db, "multi");
    const first = await createWorkspace(handle.db, { name: "First", adminId: user.id });
    const otherAdmin = await makeUser(handle.db, "other-admin");
    const second = await createWorkspace(handle.db, { name: "Second", adminId: otherAdmin.id });
    await handle.db.insert(workspaceMembers).values({ workspaceId: second.id, userId: user.id, role: "member" });
    const stranger = await createWorkspace(handle.db, { name: "Stranger's", adminId: otherAdmin.id });

    const byDefault = await resolveSession(handle.db, user.claims, { provider: "builtin" });
    expect(byDefault).toEqual({
      user: { id: user.id, email: user.email },
      claims: user.claims,
      workspace: { id: first.id, name: "First", role: "admin" },
    });
    const chosen = await resolveSession(handle.db, user.claims, { provider: "builtin", preferredWorkspaceId: second.id });
    expect(chosen?.workspace).toEqual({ id: second.id, name: "Second", role: "member" });
    // A cookie naming a workspace the user is not in is ignored, not honoured.
    const forged = await resolveSession(handle.db, user.claims, { provider: "builtin", preferredWorkspaceId: stranger.id });
    expect(forged?.workspace.id).toBe(first.id);
    const garbage = await resolveSession(handle.db, user.claims, { provider: "builtin", preferredWorkspaceId: "not-a-uuid" });
    expect(garbage?.workspace.id).toBe(first.id);
  });

  it("gives a user who belongs nowhere their own workspace, once, even when asked twice at once", async () => {
    const user = await makeUser(handle.db, "orphan");
    const [a, b] = await Promise.all([
      resolveSession(handle.db, user.claims, { provider: "builtin" }),
      resolveSession(handle.db, user.claims, { provider: "builtin" }),
    ]);
    expect(a?.workspace).toMatchObject({ role: "admin", name: `${user.email.split("@")[0]}'s workspace` });
    expect(b?.workspace.id).toBe(a?.workspace.id);
    expect(await handle.db.select().from(workspaceMembers).where(eq(workspaceMembers.userId, user.id))).toHaveLength(1);
  });

  it("refuses a built-in session whose user no longer exists, creating nothing", async () => {
    const ghost = crypto.randomUUID();
    const session = await resolveSession(handle.db, { sub: ghost, email: "ghost@example.test", role: "authenticated" }, { provider: "builtin" });
    expect(session).toBeNull();
    expect(await handle.db.select().from(authUsers).where(eq(authUsers.id, ghost))).toEqual([]);
    expect(await handle.db.select().from(workspaces).where(eq(workspaces.name, "ghost's workspace"))).toEqual([]);
  });

  it("on first sight of a Supabase user, writes their profile and their workspace", async () => {
    const id = crypto.randomUUID();
    const claims = { sub: id, email: "new.supabase@example.test", role: "authenticated" as const };
    const session = await resolveSession(handle.db, claims, { provider: "supabase" });
    expect(session?.workspace).toMatchObject({ role: "admin", name: "new.supabase's workspace" });
    expect(await handle.db.select({ email: profiles.email }).from(profiles).where(eq(profiles.id, id))).toEqual([
      { email: "new.supabase@example.test" },
    ]);
    // Seen again: the same workspace, nothing new.
    const again = await resolveSession(handle.db, claims, { provider: "supabase" });
    expect(again?.workspace.id).toBe(session?.workspace.id);
  });

  it("restores a Supabase member's missing profile", async () => {
    const user = await makeUser(handle.db, "profileless");
    await createWorkspace(handle.db, { name: "Has one", adminId: user.id });
    await handle.db.delete(profiles).where(eq(profiles.id, user.id));
    await resolveSession(handle.db, user.claims, { provider: "supabase" });
    expect(await handle.db.select({ email: profiles.email }).from(profiles).where(eq(profiles.id, user.id))).toEqual([{ email: user.email }]);
  });
});
