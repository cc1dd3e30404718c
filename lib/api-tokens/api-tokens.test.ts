// Tokens: creation, listing without secrets, revocation and authentication, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { pgErrorCode } from "@/lib/auth/pg-error";
import { createWorkspace } from "@/lib/workspaces/create-account";
import { makeTeam } from "@/test/fixtures";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { authenticateToken } from "./authenticate-token";
import { createApiToken } from "./create-api-token";
import { createTokenForEmail, TokenCommandError } from "./create-token-for-email";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";
import { hashToken } from "./token-secret";

describe.each(TEST_DRIVERS)("API tokens on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("creates cra_ + 32 random bytes, stores only its hash and a 12-character prefix", async () => {
    const team = await makeTeam(handle.db);
    const created = await createApiToken(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id, name: "ci" });
    expect(created.token).toMatch(/^cra_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(created.token.slice(4), "base64url")).toHaveLength(32);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    const [row] = await handle.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row).toMatchObject({ tokenHash: hashToken(created.token), prefix: created.prefix, userId: team.memberA.id, workspaceId: team.workspace.id });
    expect(JSON.stringify(row)).not.toContain(created.token);
    const listed = await listApiTokens(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id });
    expect(listed).toEqual([{ id: created.id, name: "ci", prefix: created.prefix, createdAt: expect.any(Date), lastUsedAt: null, revokedAt: null }]);
    expect(await listApiTokens(handle.db, { claims: team.admin.claims, workspaceId: team.workspace.id })).toEqual([]);
  });

  it("refuses a token in a workspace the user is not in", async () => {
    const team = await makeTeam(handle.db);
    const error = await createApiToken(handle.db, { claims: team.memberA.claims, workspaceId: team.other.id, name: "x" }).catch((e: unknown) => e);
    expect(pgErrorCode(error)).toBe("42501");
  });

  it("authenticates until revoked; another user cannot revoke it", async () => {
    const team = await makeTeam(handle.db);
    const created = await createApiToken(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id, name: "ci" });
    expect(await authenticateToken(handle.db, created.token)).toMatchObject({ tokenId: created.id, workspaceId: team.workspace.id, role: "member", claims: { sub: team.memberA.id } });
    await expect(revokeApiToken(handle.db, { claims: team.admin.claims, workspaceId: team.workspace.id, id: created.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await authenticateToken(handle.db, created.token)).not.toBeNull();
    await revokeApiToken(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id, id: created.id });
    await revokeApiToken(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id, id: created.id });
    expect(await authenticateToken(handle.db, created.token)).toBeNull();
    expect(await authenticateToken(handle.db, `${created.token.slice(0, -1)}x`)).toBeNull();
    expect(await authenticateToken(handle.db, "not a token")).toBeNull();
  });

  it("the command line's token: oldest membership by default, a chosen workspace, clear refusals", async () => {
    const team = await makeTeam(handle.db);
    const second = await createWorkspace(handle.db, { name: "Second", adminId: team.memberA.id });
    const first = await createTokenForEmail(handle.db, { email: team.memberA.email.toUpperCase() });
    expect(await authenticateToken(handle.db, first.token)).toMatchObject({ workspaceId: team.workspace.id });
    expect(first.name).toBe("cli");
    const chosen = await createTokenForEmail(handle.db, { email: team.memberA.email, workspaceId: second.id, name: "deploy" });
    expect(await authenticateToken(handle.db, chosen.token)).toMatchObject({ workspaceId: second.id, role: "admin" });
    await expect(createTokenForEmail(handle.db, { email: "nobody@example.test" })).rejects.toThrow(new TokenCommandError("no user has the email nobody@example.test"));
    await expect(createTokenForEmail(handle.db, { email: team.memberA.email, workspaceId: team.other.id })).rejects.toThrow(/is not a member of workspace/);
  });
});
