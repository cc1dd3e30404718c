// The process's outbox sender: its dependencies from the environment, a loop that picks up what is
// due (retries, rows left by a process that died), and a kick for the webhook route to call after
// its response when an event queued a delivery. One round at a time per process; a kick during a
// round asks for one more round after it. Node runtime only (instrumentation-node.ts starts it).

import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { routeDb } from "@/lib/webhooks/route-db";
import { env } from "@/lib/env";
import { createMailer } from "./deliver-email";
import { dispatchDue, type DispatchSummary, type SenderDeps } from "./dispatch-due";
import { outboundPolicyFromEnv } from "./policy-from-env";
import { createSafeDispatcher } from "./safe-dispatcher";

export const DELIVERY_TIMEOUT_MS = 10_000;
/** Longer than an attempt can take (timeout plus recording), so a live sender never loses its claim. */
export const LEASE_MS = 60_000;
export const LOOP_INTERVAL_MS = 1_000;

type SenderState = { deps?: SenderDeps; running?: Promise<DispatchSummary>; again: boolean; timer?: NodeJS.Timeout };

const globalForSender = globalThis as unknown as { crmOutboxSender?: SenderState };

function state(): SenderState {
  globalForSender.crmOutboxSender ??= { again: false };
  return globalForSender.crmOutboxSender;
}

export function senderDepsFromEnv(): SenderDeps {
  const e = env();
  const policy = outboundPolicyFromEnv();
  return {
    now: () => new Date(),
    random: Math.random,
    dispatcher: createSafeDispatcher({ policy, connectTimeoutMs: DELIVERY_TIMEOUT_MS }),
    mailer: e.SMTP_URL ? createMailer(e.SMTP_URL, DELIVERY_TIMEOUT_MS) : null,
    mailFrom: e.MAIL_FROM,
    policy,
    timeoutMs: DELIVERY_TIMEOUT_MS,
    leaseMs: LEASE_MS,
    worker: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    batchSize: 50,
    appUrl: e.APP_URL?.replace(/\/$/, "") ?? "",
  };
}

function deps(): SenderDeps {
  const s = state();
  s.deps ??= senderDepsFromEnv();
  return s.deps;
}

/** One round now (or the running one, then one more); resolves with that round's summary. */
export function runSenderRound(): Promise<DispatchSummary> {
  const s = state();
  if (s.running) {
    s.again = true;
    return s.running;
  }
  s.running = (async () => {
    try {
      // The webhook route's database: the process's own, or the one a test pointed the route at.
      const { db } = await routeDb();
      return await dispatchDue(db, deps());
    } finally {
      s.running = undefined;
      if (s.again) {
        s.again = false;
        void runSenderRound().catch((error: unknown) => console.error("outbox sender round failed", error));
      }
    }
  })();
  return s.running;
}

/** For the webhook route's after(): a round soon, errors logged, never thrown at the response. */
export async function kickOutboxSender(): Promise<void> {
  await runSenderRound().catch((error: unknown) => console.error("outbox sender round failed", error));
}

/** Forgets the dependencies read from the environment (tests change it between cases). */
export function resetOutboxSender(): void {
  const s = state();
  void s.deps?.dispatcher.close();
  s.deps = undefined;
}

/** The in-process loop; unref'd so it never keeps a process alive. */
export function startOutboxSender(intervalMs = LOOP_INTERVAL_MS): { stop(): void } {
  const s = state();
  if (!s.timer) {
    s.timer = setInterval(() => void kickOutboxSender(), intervalMs);
    s.timer.unref();
  }
  return {
    stop() {
      clearInterval(s.timer);
      s.timer = undefined;
    },
  };
}
