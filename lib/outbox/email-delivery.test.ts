// Email actions end to end: a real SMTP server (smtp-server, parsed with mailparser) receives each
// message; a server that refuses (550) and one that drops the connection; and, with no SMTP server
// configured, the workspace mailbox.
import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations, mailboxMessages } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { useRouteTestDb } from "@/lib/webhooks/test-support";
import { createMailer } from "./deliver-email";
import { NO_SMTP_REASON } from "./record-attempt";
import { deliverUntilSettled, deliveryState, testSender, triggerRun, worldWithActions } from "./test-support";
import { startDroppingServer, startSmtpReceiver } from "./test-receivers";
import { dispatchDue } from "./dispatch-due";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const EMAIL = {
  type: "send_email" as const,
  config: { to: { kind: "deal_owner" as const }, subject: "Deal {{deal.title}} is in negotiation", body: "Hello,\n\n{{deal.title}} needs a call.\nThanks" },
};
const TITLE = `<b>Acme & "Sons"</b>`;

describe.each(TEST_DRIVERS)("email actions on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("sends the rendered message over SMTP with a plain part and an escaped HTML part", async () => {
    const smtp = await startSmtpReceiver();
    const sender = testSender({ mailer: createMailer(smtp.url, 2000) });
    closers.push(smtp.close, sender.close);
    const world = await worldWithActions(db, [EMAIL]);
    const { runId, outboxId } = await triggerRun(db, world, { title: TITLE });
    await deliverUntilSettled(db, sender, outboxId!);
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : null).toBe(world.memberA.email);
    expect(mail.from?.value[0].address).toBe("automations@crm.test");
    expect(mail.subject).toBe(`Deal ${TITLE} is in negotiation`);
    expect(mail.text?.trim()).toBe(`Hello,\n\n${TITLE} needs a call.\nThanks`);
    expect(mail.html).toContain("&lt;b&gt;Acme &amp; &quot;Sons&quot;&lt;/b&gt; needs a call.<br>Thanks");
    expect(mail.html).not.toContain("<b>Acme");
    const state = await deliveryState(db, runId, outboxId!);
    expect(state.row).toMatchObject({ status: "sent", attempts: 1 });
    expect(state.actions).toMatchObject([{ status: "succeeded" }]);
    expect(state.run.status).toBe("succeeded");
  });

  it("fails for good when the server refuses the recipient (550)", async () => {
    const smtp = await startSmtpReceiver({ refuse: true });
    const sender = testSender({ mailer: createMailer(smtp.url, 2000) });
    closers.push(smtp.close, sender.close);
    const world = await worldWithActions(db, [EMAIL]);
    const { runId, outboxId } = await triggerRun(db, world);
    await deliverUntilSettled(db, sender, outboxId!);
    const state = await deliveryState(db, runId, outboxId!);
    expect(state.row).toMatchObject({ status: "failed", attempts: 1 });
    expect(state.row.lastError).toMatch(/refused the message \(550\)/);
    expect(state.attempts).toMatchObject([{ statusCode: 550, outcome: "failed" }]);
    expect(state.run.status).toBe("failed");
  });

  it("retries when the server drops the connection", async () => {
    const server = await startDroppingServer();
    const sender = testSender({ mailer: createMailer(server.url, 2000) });
    closers.push(server.close, sender.close);
    const world = await worldWithActions(db, [EMAIL]);
    const { runId, outboxId } = await triggerRun(db, world);
    sender.clock.now = Date.now();
    await dispatchDue(db, sender.deps);
    const state = await deliveryState(db, runId, outboxId!);
    expect(state.row).toMatchObject({ status: "pending", attempts: 1 });
    expect(state.attempts).toMatchObject([{ outcome: "retry" }]);
    expect(state.row.lastError).toMatch(/Could not reach the mail server/);
    expect(state.actions).toMatchObject([{ status: "pending", attempts: 1 }]);
    expect(state.run.status).toBe("succeeded");
  });

  it("keeps the message in the mailbox without SMTP: the action is skipped, never counted as a failure", async () => {
    const sender = testSender({ mailer: null });
    closers.push(sender.close);
    const world = await worldWithActions(db, [EMAIL]);
    const { runId, outboxId } = await triggerRun(db, world, { title: "Acme" });
    await deliverUntilSettled(db, sender, outboxId!);
    const state = await deliveryState(db, runId, outboxId!);
    expect(state.row).toMatchObject({ status: "skipped", lastError: NO_SMTP_REASON });
    expect(state.actions).toMatchObject([{ status: "skipped", error: NO_SMTP_REASON }]);
    expect(state.run.status).toBe("succeeded");
    const kept = await db.select().from(mailboxMessages).where(eq(mailboxMessages.runId, runId));
    expect(kept).toMatchObject([{ workspaceId: world.workspace.id, to: world.memberA.email, subject: "Deal Acme is in negotiation", reason: NO_SMTP_REASON }]);
    const [automation] = await db.select({ failures: automations.consecutiveFailures }).from(automations).where(eq(automations.id, world.automationId));
    expect(automation.failures).toBe(0);
  });

  it("keeps failure-alert emails in the mailbox too", async () => {
    const sender = testSender({ mailer: null });
    closers.push(sender.close);
    // Nobody in the workspace has this CRM id, and the fallback names a removed member: the action
    // fails as the automation's problem, and the alert emails are queued.
    const removed = { kind: "member" as const, userId: "00000000-0000-4000-8000-000000000001" };
    const world = await worldWithActions(db, [{ ...EMAIL, config: { ...EMAIL.config, ifOwnerMissing: removed } }]);
    const { runId } = await triggerRun(db, world, { owner: "crm-nobody" });
    sender.clock.now = Date.now();
    await dispatchDue(db, sender.deps);
    const kept = await db.select({ to: mailboxMessages.to, subject: mailboxMessages.subject }).from(mailboxMessages).where(eq(mailboxMessages.runId, runId));
    expect(kept).toEqual([{ to: world.admin.email, subject: "Automation “Outbound” failed" }]);
  });
});
