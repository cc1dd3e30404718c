// The delivery phase of the benchmark: one event in ten is a contact.created that a dedicated
// automation answers with a webhook to a receiver in this process. The receiver notes when each
// delivery arrives; the latency is from the moment its event was sent to the app (so it includes
// the inbound answer, a few milliseconds) to the delivery's arrival.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Webhook } from "standardwebhooks";
import type { Db } from "@/db/client";
import { automations } from "@/db/schema";
import { automationInputSchema } from "@/lib/automations/schema";
import { BENCH_OWNERS } from "./seed-bench";

export const DELIVERY_EVERY = 10;

export type DeliveryReceiver = {
  url: string;
  /** Arrivals (epoch ms) by contact id, first arrival only; `duplicates` counts the rest. */
  arrivals: Map<string, number>;
  duplicates: number;
  close(): Promise<void>;
};

export async function startDeliveryReceiver(port: number): Promise<DeliveryReceiver> {
  const receiver: DeliveryReceiver = { url: "", arrivals: new Map(), duplicates: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const at = Date.now();
      try {
        const id = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { event: { entity: { id: string } } }).event.entity.id;
        if (receiver.arrivals.has(id)) receiver.duplicates++;
        else receiver.arrivals.set(id, at);
      } catch {
        // Not a delivery: ignored.
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/** The automation that sends the webhooks (it only matches the phase's contact events). */
export async function seedDeliveryAutomation(db: Db, workspaceId: string, ownerId: string, url: string): Promise<void> {
  const input = automationInputSchema.parse({
    name: "Bench delivery",
    trigger: { type: "contact.created" },
    conditions: null,
    actions: [{ type: "send_webhook", config: { url, headers: [] } }],
  });
  await db.insert(automations).values({ workspaceId, ownerId, name: input.name, trigger: input.trigger, triggerType: input.trigger.type, conditions: input.conditions, actions: input.actions });
}

/**
 * The phase's request bodies: every DELIVERY_EVERY-th one a signed contact.created whose send time
 * is noted in `sentAt` by contact id; the others whatever `regular` makes.
 */
export function deliveryMix(options: {
  signer: Webhook;
  idPrefix: string;
  regular: () => { body: string; headers: Record<string, string> };
  sentAt: Map<string, number>;
}) {
  let n = 0;
  return () => {
    n++;
    if (n % DELIVERY_EVERY !== 0) return options.regular();
    const contactId = `C-${options.idPrefix}-${n}`;
    const body = JSON.stringify({
      type: "contact.created",
      occurred_at: new Date().toISOString(),
      entity: { type: "contact", id: contactId, data: { name: "Bench contact", email: `${contactId}@bench.test`, owner_id: BENCH_OWNERS[0] } },
    });
    const id = `${options.idPrefix}_${n}`;
    const now = new Date();
    options.sentAt.set(contactId, Date.now());
    return { body, headers: { "webhook-id": id, "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": options.signer.sign(id, now, body) } };
  };
}

/** Waits until every sent contact has been delivered, or `timeoutMs` passed; returns the latencies. */
export async function deliveryLatencies(receiver: DeliveryReceiver, sentAt: Map<string, number>, timeoutMs: number): Promise<{ delivered: number; missing: number; p50: number; p99: number }> {
  const deadline = Date.now() + timeoutMs;
  const pending = () => [...sentAt.keys()].filter((id) => !receiver.arrivals.has(id)).length;
  while (pending() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const latencies = [...sentAt.entries()]
    .filter(([id]) => receiver.arrivals.has(id))
    .map(([id, sent]) => receiver.arrivals.get(id)! - sent)
    .sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : 0);
  return { delivered: latencies.length, missing: pending(), p50: at(0.5), p99: at(0.99) };
}
