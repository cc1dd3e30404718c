import type { Db } from "./client";
import { mailboxMessages, outbox, outboundSecrets, outboxAttempts } from "./schema";

/**
 * The outbound-delivery rows of the row-level security world: a delivery of member A's run (and its
 * attempt), an attempt of the team's alert email (no run), a kept email and an outbound secret per
 * workspace. Written on the service path.
 */
export async function buildOutboundRows(db: Db, p: { ws: string; other: string; runA: string; outboxTeam: number; outboxOther: number }) {
  const [{ id: outboxRunA }] = await db
    .insert(outbox)
    .values({ workspaceId: p.ws, runId: p.runA, actionIndex: 0, kind: "webhook", payload: { url: "https://example.test/hook" } })
    .returning({ id: outbox.id });
  const attempt = async (workspaceId: string, outboxId: number) =>
    (
      await db
        .insert(outboxAttempts)
        .values({ workspaceId, outboxId, attempt: 1, startedAt: new Date(), statusCode: 500, latencyMs: 3, outcome: "retry" })
        .returning({ id: outboxAttempts.id })
    )[0].id;
  const attemptRunA = await attempt(p.ws, outboxRunA);
  const attemptAlert = await attempt(p.ws, p.outboxTeam);
  const attemptOther = await attempt(p.other, p.outboxOther);
  const kept = async (workspaceId: string) =>
    (
      await db
        .insert(mailboxMessages)
        .values({ workspaceId, to: "x@example.test", subject: "S", text: "T", reason: "not delivered: no SMTP server configured" })
        .returning({ id: mailboxMessages.id })
    )[0].id;
  const mailTeam = await kept(p.ws);
  const mailOther = await kept(p.other);
  await db.insert(outboundSecrets).values([
    { workspaceId: p.ws, secret: "whsec_dGVhbQ==" },
    { workspaceId: p.other, secret: "whsec_b3RoZXI=" },
  ]);
  return { outboxRunA, attemptRunA, attemptAlert, attemptOther, mailTeam, mailOther };
}
