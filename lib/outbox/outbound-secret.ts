// Each workspace's secret for signing the webhooks its automations send, created on first need.
// The sender reads it through the service connection; admins see and rotate it (RLS: admins only).

import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboundSecrets } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";
import { generateWebhookSecret } from "@/lib/webhooks/secrets";

type Executor = Pick<Db, "insert" | "select">;

/** A read first: the insert (a write, so a commit) happens once per workspace. */
async function readOrCreate(db: Executor, workspaceId: string): Promise<{ secret: string; rotatedAt: Date }> {
  const read = () => db.select({ secret: outboundSecrets.secret, rotatedAt: outboundSecrets.rotatedAt }).from(outboundSecrets).where(eq(outboundSecrets.workspaceId, workspaceId)).limit(1);
  const [existing] = await read();
  if (existing) return existing;
  await db.insert(outboundSecrets).values({ workspaceId, secret: generateWebhookSecret() }).onConflictDoNothing();
  const [created] = await read();
  return created;
}

/** The sender's read (service path). */
export async function getOutboundSecret(db: Db, workspaceId: string): Promise<string> {
  return (await readOrCreate(db, workspaceId)).secret;
}

/** For the webhooks page; row-level security refuses anyone but an admin of the workspace. */
export function readOutboundSecret(db: Db, claims: UserClaims, workspaceId: string): Promise<{ secret: string; rotatedAt: Date }> {
  return withUser(db, claims, (tx) => readOrCreate(tx, workspaceId));
}

/** A new secret at once: deliveries signed from now on use it (receivers update theirs). */
export async function rotateOutboundSecret(db: Db, claims: UserClaims, workspaceId: string): Promise<string> {
  const secret = generateWebhookSecret();
  await withUser(db, claims, (tx) =>
    tx
      .insert(outboundSecrets)
      .values({ workspaceId, secret })
      .onConflictDoUpdate({ target: outboundSecrets.workspaceId, set: { secret, rotatedAt: sql`now()` } }),
  );
  return secret;
}
