// The benchmark workload delivered without the HTTP server: each call signs the next delivery,
// passes it to the webhook route's ingest code, and insists on a 200 (bench/ingest-cost.ts,
// bench/prune-cost.ts).
import { Webhook } from "standardwebhooks";
import type { Db } from "@/db/client";
import { ingestWebhook } from "@/lib/webhooks/ingest-webhook";
import { signedBenchDelivery } from "./seed-bench";
import { rng } from "./workload";

export function inProcessDeliveries(db: Db, seeded: { sourceId: string; secret: string }, idPrefix: string): () => Promise<void> {
  const signer = new Webhook(seeded.secret);
  const random = rng(1);
  let sequence = 0;
  return async () => {
    const { body, headers } = signedBenchDelivery(signer, random, sequence++, idPrefix);
    const request = new Request(`http://127.0.0.1/api/webhooks/${seeded.sourceId}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
    const response = await ingestWebhook(db, { request, sourceId: seeded.sourceId, now: new Date() });
    if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
}

/** `count` deliveries, `concurrency` at a time. */
export async function deliverMany(deliver: () => Promise<void>, count: number, concurrency: number): Promise<void> {
  let left = count;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await deliver();
    }),
  );
}
