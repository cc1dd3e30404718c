// npx tsx bench/prune-cost.ts (needs DATABASE_URL): what a history pruning round costs the webhooks
// arriving beside it. Writes FILL events through the ingest code (about five runs each), then drives
// ingestWebhook in-process at RATE events/s for SECONDS, four times: without a round, beside a round
// (its first pass over those runs), beside a second round, and without again. Each line is one
// trial's latencies: p50, p99 and how many took over 25 ms. The round is the server's own
// (pruneHistory with its pauses), with nothing old enough to delete: the probes of every
// automation's run count are what it costs.
import postgres from "postgres";
import { createDb } from "@/db/client";
import { pruneHistory } from "@/lib/runs/prune-history";
import { withDatabase } from "@/test/global-setup";
import { deliverMany, inProcessDeliveries } from "./in-process";
import { seedBench } from "./seed-bench";

const FILL = Number(process.env.FILL ?? 15_000);
const RATE = Number(process.env.RATE ?? 250);
const SECONDS = Number(process.env.SECONDS ?? 12);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error("DATABASE_URL is required");

const name = `crm_prune_cost_${Date.now()}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
try {
  // The server's pool size: the round and the webhooks share it, as they do in the server.
  const handle = await createDb({ databaseUrl: withDatabase(serverUrl, name) });
  const seeded = await seedBench(handle.db);
  const deliver = inProcessDeliveries(handle.db, seeded, "msg_prune");
  await deliverMany(deliver, FILL, 10);

  /** RATE events a second for SECONDS, evenly paced; each event's latency. */
  const paced = async (): Promise<number[]> => {
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < RATE * SECONDS; i++) {
      const wait = start + (i * 1000) / RATE - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const began = performance.now();
      pending.push(deliver().then(() => void latencies.push(performance.now() - began)));
    }
    await Promise.all(pending);
    return latencies.sort((a, b) => a - b);
  };

  for (const trial of ["no round", "first round", "second round", "no round"]) {
    const load = paced();
    let roundMs = 0;
    if (trial !== "no round") {
      await new Promise((r) => setTimeout(r, 1000));
      const began = performance.now();
      await pruneHistory(handle.db, { now: new Date(), retentionDays: 30, pauseMs: 20 });
      roundMs = performance.now() - began;
    }
    const latencies = await load;
    const at = (q: number) => Number(latencies[Math.floor(q * latencies.length)].toFixed(1));
    console.log(JSON.stringify({ trial, round_ms: Math.round(roundMs), events: latencies.length, p50_ms: at(0.5), p99_ms: at(0.99), over_25ms: latencies.filter((ms) => ms > 25).length }));
  }
  await handle.close();
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
