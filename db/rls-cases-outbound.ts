import { eq } from "drizzle-orm";
import { mailboxMessages, outboundSecrets, outboxAttempts } from "./schema";
import { DENIED, NONE, visibility, write, type RlsCase } from "./rls-cases";

// Outbound delivery: attempts are read with their delivery (whoever reads the run; alerts are the
// admins'), the mailbox and the outbound secret are the admins'; only admins set the secret, and
// nobody writes attempts or mail as a user.
export const outboundCases: RlsCase[] = [
  ...visibility("outbox_attempts", (tx) => tx.select({ id: outboxAttempts.id }).from(outboxAttempts), {
    memberA: ["attemptRunA"],
    memberB: [],
    admin: ["attemptRunA", "attemptAlert"],
    outsider: ["attemptOther"],
    anon: "denied",
  }),
  write("outbox_attempts", "admin", "cannot record an attempt", DENIED, (tx, w) =>
    tx
      .insert(outboxAttempts)
      .values({ workspaceId: w.workspace.id, outboxId: w.ids.outboxTeam, attempt: 2, startedAt: new Date(), latencyMs: 1, outcome: "delivered" })
      .returning({ id: outboxAttempts.id }),
  ),
  write("outbox_attempts", "memberA", "cannot rewrite an attempt", NONE, (tx, w) =>
    tx.update(outboxAttempts).set({ statusCode: 200 }).where(eq(outboxAttempts.id, w.ids.attemptRunA)).returning({ id: outboxAttempts.id }),
  ),

  ...visibility("mailbox_messages", (tx) => tx.select({ id: mailboxMessages.id }).from(mailboxMessages), {
    memberA: [],
    memberB: [],
    admin: ["mailTeam"],
    outsider: ["mailOther"],
    anon: "denied",
  }),
  write("mailbox_messages", "admin", "cannot put mail in the mailbox", DENIED, (tx, w) =>
    tx.insert(mailboxMessages).values({ workspaceId: w.workspace.id, to: "a@b.test", subject: "S", text: "T", reason: "r" }).returning({ id: mailboxMessages.id }),
  ),
  write("mailbox_messages", "admin", "cannot delete kept mail", NONE, (tx, w) =>
    tx.delete(mailboxMessages).where(eq(mailboxMessages.id, w.ids.mailTeam)).returning({ id: mailboxMessages.id }),
  ),

  ...visibility("outbound_secrets", (tx) => tx.select({ id: outboundSecrets.workspaceId }).from(outboundSecrets), {
    memberA: [],
    memberB: [],
    admin: ["team"],
    outsider: ["other"],
    anon: "denied",
  }),
  write("outbound_secrets", "admin", "rotates the workspace's outbound secret", { rows: 1 }, (tx, w) =>
    tx.update(outboundSecrets).set({ secret: "whsec_bmV3" }).where(eq(outboundSecrets.workspaceId, w.workspace.id)).returning({ id: outboundSecrets.workspaceId }),
  ),
  write("outbound_secrets", "memberA", "cannot rotate the outbound secret", NONE, (tx, w) =>
    tx.update(outboundSecrets).set({ secret: "whsec_bmV3" }).where(eq(outboundSecrets.workspaceId, w.workspace.id)).returning({ id: outboundSecrets.workspaceId }),
  ),
  write("outbound_secrets", "outsider", "cannot set another workspace's outbound secret", DENIED, (tx, w) =>
    tx.insert(outboundSecrets).values({ workspaceId: w.workspace.id, secret: "whsec_bmV3" }).onConflictDoUpdate({ target: outboundSecrets.workspaceId, set: { secret: "whsec_bmV3" } }).returning({ id: outboundSecrets.workspaceId }),
  ),
  write("outbound_secrets", "anon", "cannot read or set an outbound secret", DENIED, (tx, w) =>
    tx.update(outboundSecrets).set({ secret: "whsec_bmV3" }).where(eq(outboundSecrets.workspaceId, w.workspace.id)).returning({ id: outboundSecrets.workspaceId }),
  ),
];
