import { eq, sql } from "drizzle-orm";
import { apiTokens } from "./schema";
import { DENIED, NONE, ONE, visibility, write, type RlsCase } from "./rls-cases";
import type { World } from "./rls-world";

function newToken(workspaceId: string, userId: string) {
  return { workspaceId, userId, name: "new", prefix: "cra_newtoken", tokenHash: `hash-${crypto.randomUUID()}` };
}

const team = (w: World) => w.workspace.id;

// api_tokens: everyone sees and manages only their own tokens, in a workspace they belong to;
// nobody (an admin included) reads anyone else's, and no one can repoint a token or read it as anon.
export const apiTokenCases: RlsCase[] = [
  ...visibility("api_tokens", (tx) => tx.select({ id: apiTokens.id }).from(apiTokens), {
    memberA: ["tokenA"],
    memberB: ["tokenB"],
    admin: ["tokenAdmin"],
    outsider: ["tokenOther"],
    anon: "denied",
  }),
  write("api_tokens", "memberA", "creates their own token", ONE, (tx, w) =>
    tx.insert(apiTokens).values(newToken(team(w), w.users.memberA.id)).returning({ id: apiTokens.id }),
  ),
  write("api_tokens", "admin", "cannot create a token for a member", DENIED, (tx, w) =>
    tx.insert(apiTokens).values(newToken(team(w), w.users.memberA.id)).returning({ id: apiTokens.id }),
  ),
  write("api_tokens", "memberA", "cannot create a token in a workspace they are not in", DENIED, (tx, w) =>
    tx.insert(apiTokens).values(newToken(w.other.id, w.users.memberA.id)).returning({ id: apiTokens.id }),
  ),
  write("api_tokens", "memberA", "revokes their own token", ONE, (tx, w) =>
    tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(eq(apiTokens.id, w.ids.tokenA)).returning({ id: apiTokens.id }),
  ),
  write("api_tokens", "admin", "cannot revoke a member's token", NONE, (tx, w) =>
    tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(eq(apiTokens.id, w.ids.tokenA)).returning({ id: apiTokens.id }),
  ),
  write("api_tokens", "outsider", "cannot revoke a token of another workspace", NONE, (tx, w) =>
    tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(eq(apiTokens.id, w.ids.tokenB)).returning({ id: apiTokens.id }),
  ),
  write("api_tokens", "memberB", "cannot change what their token hashes to", DENIED, (tx, w) =>
    tx.update(apiTokens).set({ tokenHash: "forged" }).where(eq(apiTokens.id, w.ids.tokenB)).returning({ id: apiTokens.id }),
  ),
  write("api_tokens", "memberA", "cannot delete their token (revoking keeps the record)", DENIED, (tx, w) =>
    tx.delete(apiTokens).where(eq(apiTokens.id, w.ids.tokenA)).returning({ id: apiTokens.id }),
  ),
  write("api_tokens", "anon", "cannot revoke a token", DENIED, (tx, w) =>
    tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(eq(apiTokens.id, w.ids.tokenA)).returning({ id: apiTokens.id }),
  ),
];
