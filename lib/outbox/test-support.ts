// Helpers for the outbound delivery tests: a workspace whose only automation runs the given actions,
// an event that triggers it, and a sender on a clock the test moves (the retry schedule's hours
// pass in an instant), delivering until a row settles.

import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, automations, outbox, outboxAttempts, runActions } from "@/db/schema";
import type { AutomationFormValues } from "@/lib/automations/schema";
import { CANONICAL, dealEvent, insertAutomation, makeWebhookWorld, post, signedRequest } from "@/lib/webhooks/test-support";
import type { OutboundPolicy } from "./address-policy";
import { dispatchDue, type DispatchSummary, type SenderDeps } from "./dispatch-due";
import type { Mailer } from "./deliver-email";
import { createSafeDispatcher } from "./safe-dispatcher";

export const TEST_POLICY: OutboundPolicy = { allowHosts: new Set(["127.0.0.1"]), allowHttp: true };

export async function worldWithActions(db: Db, actions: AutomationFormValues["actions"]) {
  const world = await makeWebhookWorld(db);
  await db.update(automations).set({ isActive: false }).where(eq(automations.id, world.automationId));
  const automationId = await insertAutomation(db, world.workspace.id, world.admin.id, { ...CANONICAL, name: "Outbound", actions });
  return { ...world, automationId };
}

/** Sends a triggering event; returns its run and the outbox row its first queued action wrote. */
export async function triggerRun(db: Db, world: Awaited<ReturnType<typeof worldWithActions>>, overrides: Parameters<typeof dealEvent>[0] = {}) {
  const { status, body } = await post(signedRequest(world.source.id, dealEvent(overrides), { secret: world.source.secret }));
  if (status !== 200) throw new Error(`event refused: ${status} ${JSON.stringify(body)}`);
  const runId = (body.runs as { runId: string; automationId: string }[]).find((run) => run.automationId === world.automationId)!.runId;
  const [row] = await db.select({ id: outbox.id, messageId: outbox.messageId }).from(outbox).where(eq(outbox.runId, runId)).orderBy(asc(outbox.actionIndex)).limit(1);
  return { runId, outboxId: row?.id, messageId: row?.messageId };
}

export type TestSender = { deps: SenderDeps; clock: { now: number }; close(): Promise<void> };

export function testSender(options: { mailer?: Mailer | null; timeoutMs?: number; worker?: string; leaseMs?: number } = {}): TestSender {
  const clock = { now: Date.now() };
  const dispatcher = createSafeDispatcher({ policy: TEST_POLICY, connectTimeoutMs: 2000 });
  const deps: SenderDeps = {
    now: () => new Date(clock.now),
    random: () => 0,
    dispatcher,
    mailer: options.mailer ?? null,
    mailFrom: "CRM Automations <automations@crm.test>",
    policy: TEST_POLICY,
    timeoutMs: options.timeoutMs ?? 2000,
    leaseMs: options.leaseMs ?? 60_000,
    worker: options.worker ?? "test-worker",
    batchSize: 10,
    appUrl: "http://app.test",
  };
  return { deps, clock, close: () => dispatcher.close() };
}

/** Delivers one row until it is no longer pending, moving the clock to each next attempt. */
export async function deliverUntilSettled(db: Db, sender: TestSender, outboxId: number, maxRounds = 30): Promise<DispatchSummary[]> {
  const summaries: DispatchSummary[] = [];
  for (let round = 0; round < maxRounds; round++) {
    summaries.push(await dispatchDue(db, sender.deps));
    const [row] = await db.select({ status: outbox.status, nextAttemptAt: outbox.nextAttemptAt }).from(outbox).where(eq(outbox.id, outboxId));
    if (row.status !== "pending") return summaries;
    sender.clock.now = Math.max(sender.clock.now, row.nextAttemptAt.getTime());
  }
  throw new Error(`outbox row ${outboxId} still pending after ${maxRounds} rounds`);
}

export async function deliveryState(db: Db, runId: string, outboxId: number) {
  const [row] = await db.select({ status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError }).from(outbox).where(eq(outbox.id, outboxId));
  const attempts = await db
    .select({ attempt: outboxAttempts.attempt, startedAt: outboxAttempts.startedAt, statusCode: outboxAttempts.statusCode, outcome: outboxAttempts.outcome, error: outboxAttempts.error, snippet: outboxAttempts.responseSnippet })
    .from(outboxAttempts)
    .where(eq(outboxAttempts.outboxId, outboxId))
    .orderBy(asc(outboxAttempts.id));
  const [run] = await db.select({ status: automationRuns.status, error: automationRuns.error }).from(automationRuns).where(eq(automationRuns.id, runId));
  const actions = await db.select({ status: runActions.status, error: runActions.error, attempts: runActions.attempts }).from(runActions).where(and(eq(runActions.runId, runId))).orderBy(asc(runActions.actionIndex));
  return { row, attempts, run, actions };
}
