// Outbound webhooks end to end: an event through the real route queues a delivery, the sender sends
// it to a real local receiver scripted per scenario, on a clock the test moves. The receiver checks
// every signature with the `standardwebhooks` package.
import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Db } from "@/db/client";
import { automations, notifications } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import { useRouteTestDb } from "@/lib/webhooks/test-support";
import { getOutboundSecret } from "./outbound-secret";
import { resendDelivery } from "./resend-delivery";
import { MAX_ATTEMPTS } from "./retry-schedule";
import { deliverUntilSettled, deliveryState, testSender, triggerRun, worldWithActions, type TestSender } from "./test-support";
import { startHttpReceiver, type HttpReceiver, type Received, type Script } from "./test-receivers";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function verifySignatures(secret: string, received: Received[]) {
  const wh = new Webhook(secret);
  // The first attempt is sent at the real time: the library's own check, tolerance included.
  expect(() => wh.verify(received[0].body, received[0].headers as Record<string, string>)).not.toThrow();
  // Later ones carry the test clock's time: the same signature must come out of the library.
  for (const r of received) {
    const at = new Date(Number(r.headers["webhook-timestamp"]) * 1000);
    expect(r.headers["webhook-signature"]).toBe(wh.sign(String(r.headers["webhook-id"]), at, r.body));
  }
}

describe.each(TEST_DRIVERS)("outbound webhooks on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  async function scenario(script: Script, options: { timeoutMs?: number; path?: string } = {}) {
    const receiver: HttpReceiver = await startHttpReceiver(script);
    const sender: TestSender = testSender({ timeoutMs: options.timeoutMs });
    closers.push(receiver.close, sender.close);
    const world = await worldWithActions(db, [{ type: "send_webhook", config: { url: `${receiver.url}${options.path ?? "/hook"}`, headers: [{ name: "X-Api-Key", value: "k-1" }] } }]);
    const { runId, outboxId, messageId } = await triggerRun(db, world);
    await deliverUntilSettled(db, sender, outboxId!);
    const state = await deliveryState(db, runId, outboxId!);
    const secret = await getOutboundSecret(db, world.workspace.id);
    if (receiver.received.length > 0) verifySignatures(secret, receiver.received);
    const ids = new Set(receiver.received.map((r) => r.headers["webhook-id"]));
    return { world, runId, state, receiver, ids, messageId };
  }

  it("delivers on 200 in one attempt, signed, and the run and action say so", async () => {
    const { state, receiver, ids, messageId } = await scenario(() => ({ status: 200, body: "thanks" }));
    expect(receiver.received).toHaveLength(1);
    expect([...ids]).toEqual([messageId]);
    const [request] = receiver.received;
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["x-api-key"]).toBe("k-1");
    expect(JSON.parse(request.body)).toMatchObject({ type: "automation.action", automation: { name: "Outbound" } });
    expect(state.row).toMatchObject({ status: "sent", attempts: 1 });
    expect(state.attempts).toMatchObject([{ attempt: 1, statusCode: 200, outcome: "delivered", snippet: "thanks" }]);
    expect(state.run.status).toBe("succeeded");
    expect(state.actions).toMatchObject([{ status: "succeeded", attempts: 1, error: null }]);
  });

  it("retries a 500 five seconds later with the same webhook-id, then delivers", async () => {
    const { state, receiver, ids } = await scenario((n) => (n === 0 ? { status: 500, body: "oops" } : { status: 200 }));
    expect(receiver.received).toHaveLength(2);
    expect(ids.size).toBe(1);
    expect(state.attempts.map((a) => [a.statusCode, a.outcome])).toEqual([[500, "retry"], [200, "delivered"]]);
    expect(state.attempts[1].startedAt.getTime() - state.attempts[0].startedAt.getTime()).toBe(5000);
    expect(state.row.status).toBe("sent");
    expect(state.run.status).toBe("succeeded");
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    const { state, receiver, ids } = await scenario((n) => (n === 0 ? { status: 429, headers: { "retry-after": "120" } } : { status: 204 }));
    expect(receiver.received).toHaveLength(2);
    expect(ids.size).toBe(1);
    expect(state.attempts[1].startedAt.getTime() - state.attempts[0].startedAt.getTime()).toBe(120_000);
    expect(state.row.status).toBe("sent");
  });

  it("fails for good on 410, fails the run and counts toward auto-disable", async () => {
    const { world, state, receiver } = await scenario(() => ({ status: 410 }));
    expect(receiver.received).toHaveLength(1);
    expect(state.row).toMatchObject({ status: "failed", attempts: 1 });
    expect(state.row.lastError).toMatch(/410/);
    expect(state.actions).toMatchObject([{ status: "failed" }]);
    expect(state.run.status).toBe("failed");
    expect(state.run.error).toMatch(/^Action 1 could not be delivered: .*410/);
    const [automation] = await db.select({ failures: automations.consecutiveFailures }).from(automations).where(eq(automations.id, world.automationId));
    expect(automation.failures).toBe(1);
    const alerts = await db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.automationId, world.automationId));
    expect(alerts.map((a) => a.userId)).toEqual([world.admin.id]);
  });

  it("does not follow a redirect to a private address: failed after one attempt", async () => {
    const { state, receiver } = await scenario((_n, request) =>
      request.path === "/hook" ? { status: 301, headers: { location: "http://169.254.169.254/latest/meta-data/" } } : { status: 200 },
    );
    expect(receiver.received.map((r) => r.path)).toEqual(["/hook"]);
    expect(state.row).toMatchObject({ status: "failed", attempts: 1 });
    expect(state.row.lastError).toMatch(/301.*not followed/);
    expect(state.run.status).toBe("failed");
  });

  it("gives up on a receiver that never answers after the whole schedule, one webhook-id throughout", async () => {
    const { state, receiver, ids } = await scenario(() => "hang", { timeoutMs: 150 });
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(ids.size).toBe(1);
    expect(state.row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(state.row.lastError).toMatch(/No answer within .*no attempts left/);
    expect(state.attempts.map((a) => a.outcome)).toEqual([...Array(MAX_ATTEMPTS - 1).fill("retry"), "failed"]);
    // Immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (test jitter 0).
    const gaps = state.attempts.slice(1).map((a, i) => Math.round((a.startedAt.getTime() - state.attempts[i].startedAt.getTime()) / 1000));
    const expected = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(expected[i]));
    gaps.forEach((gap, i) => expect(gap).toBeLessThan(expected[i] + 2));
    expect(state.run.status).toBe("failed");
  }, 30_000);

  it("refuses to send to a private address named in the automation", async () => {
    const sender = testSender();
    closers.push(sender.close);
    const world = await worldWithActions(db, [{ type: "send_webhook", config: { url: "http://10.0.0.1/hook", headers: [] } }]);
    const { runId, outboxId } = await triggerRun(db, world);
    await deliverUntilSettled(db, sender, outboxId!);
    const state = await deliveryState(db, runId, outboxId!);
    expect(state.row).toMatchObject({ status: "failed", attempts: 1 });
    expect(state.row.lastError).toMatch(/private/);
  });
});

describe.each(TEST_DRIVERS)("sending a failed webhook again by hand on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("requeues it with the same webhook-id, and a delivery makes the run a success again", async () => {
    const receiver = await startHttpReceiver((n) => (n === 0 ? { status: 410 } : { status: 200 }));
    const sender = testSender();
    closers.push(receiver.close, sender.close);
    const world = await worldWithActions(db, [{ type: "send_webhook", config: { url: `${receiver.url}/hook`, headers: [] } }]);
    const { runId, outboxId, messageId } = await triggerRun(db, world);
    await deliverUntilSettled(db, sender, outboxId!);
    expect((await deliveryState(db, runId, outboxId!)).run.status).toBe("failed");

    // Members cannot see the admin's run, so neither its delivery.
    await expect(resendDelivery(db, world.memberB.claims, { workspaceId: world.workspace.id, outboxId: outboxId!, now: new Date() })).rejects.toMatchObject({ code: "not_found" });
    await resendDelivery(db, world.admin.claims, { workspaceId: world.workspace.id, outboxId: outboxId!, now: new Date(sender.clock.now) });
    await expect(resendDelivery(db, world.admin.claims, { workspaceId: world.workspace.id, outboxId: outboxId!, now: new Date() })).rejects.toMatchObject({ code: "conflict" });
    await deliverUntilSettled(db, sender, outboxId!);

    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([messageId, messageId]);
    const state = await deliveryState(db, runId, outboxId!);
    expect(state.row.status).toBe("sent");
    expect(state.actions).toMatchObject([{ status: "succeeded" }]);
    expect(state.run).toEqual({ status: "succeeded", error: null });
    expect(state.attempts.map((a) => a.statusCode)).toEqual([410, 200]);
  });
});
