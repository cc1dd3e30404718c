// npx tsx bench/db-restart.ts: a fast restart of PostgreSQL under webhook load. Creates a cluster
// of its own (pg_createcluster, port RESTART_PORT, default 5499; needs root), drives CONCURRENCY
// signed senders through the webhook ingest code in-process, restarts the cluster with
// `pg_ctlcluster … restart -m fast`, and reports how long the restart took, how long senders got no
// 200, and the longest stretch in which nothing was answered at all. The cluster is dropped after.
// The last line is one JSON object of figures.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { Webhook } from "standardwebhooks";
import { createDb } from "@/db/client";
import { ingestWebhook } from "@/lib/webhooks/ingest-webhook";
import { seedBench, signedBenchDelivery } from "./seed-bench";
import { rng } from "./workload";

const VERSION = process.env.RESTART_PG_VERSION ?? "15";
const PORT = Number(process.env.RESTART_PORT ?? 5499);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);
const CLUSTER = `crm_restart_${process.pid}`;
const WARMUP_MS = 3_000;
const AFTER_MS = 8_000;

function pg(command: string, ...args: string[]): string {
  return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

type Answer = { at: number; status: number; ms: number };

pg("pg_createcluster", VERSION, CLUSTER, "-p", String(PORT), "--start", "--", "--auth=trust");
const handle = await createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${PORT}/postgres` });
try {
  const seeded = await seedBench(handle.db, 50);
  const signer = new Webhook(seeded.secret);
  const random = rng(7);
  const answers: Answer[] = [];
  const started = performance.now();
  let sequence = 0;
  const run = { stop: false };

  const sender = async () => {
    while (!run.stop) {
      const { body, headers } = signedBenchDelivery(signer, random, sequence++, `restart_${process.pid}`);
      const request = new Request(`http://127.0.0.1/api/webhooks/${seeded.sourceId}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
      const t0 = performance.now();
      let status: number;
      try {
        const response = await ingestWebhook(handle.db, { request, sourceId: seeded.sourceId, now: new Date() });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0; // thrown out of the route: Next.js would answer its generic 500
      }
      answers.push({ at: performance.now() - started, status, ms: performance.now() - t0 });
      // A 503 carries Retry-After; a real sender would wait. Here: a short pause, to keep the load up.
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
  };
  const senders = Array.from({ length: CONCURRENCY }, sender);

  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const restartAt = performance.now() - started;
  // Asynchronously: the senders keep running while it restarts.
  await promisify(execFile)("pg_ctlcluster", [VERSION, CLUSTER, "restart", "-m", "fast"]);
  const restartMs = performance.now() - started - restartAt;
  await new Promise((r) => setTimeout(r, AFTER_MS));
  run.stop = true;
  await Promise.all(senders);

  const failed = answers.filter((a) => a.status !== 200);
  const byStatus: Record<string, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  // The longest time in which no sender got any answer (answers sorted by when they arrived).
  const times = answers.map((a) => a.at).sort((x, y) => x - y);
  let longestSilenceMs = 0;
  for (let i = 1; i < times.length; i++) longestSilenceMs = Math.max(longestSilenceMs, times[i] - times[i - 1]);
  const firstFail = failed.length ? Math.min(...failed.map((a) => a.at - a.ms)) : null;
  const lastFail = failed.length ? Math.max(...failed.map((a) => a.at)) : null;
  const lastOk = answers.filter((a) => a.status === 200 && a.at > restartAt + restartMs);
  const firstOkAfter = lastOk.length ? Math.min(...lastOk.map((a) => a.at)) - restartAt - restartMs : null;
  const figures = {
    concurrency: CONCURRENCY,
    restart_s: +(restartMs / 1000).toFixed(2),
    error_window_s: firstFail !== null && lastFail !== null ? +((lastFail - firstFail) / 1000).toFixed(2) : 0,
    longest_silence_s: +(longestSilenceMs / 1000).toFixed(2),
    first_200_after_restart_s: firstOkAfter !== null ? +(firstOkAfter / 1000).toFixed(2) : null,
    slowest_answer_s: +(Math.max(...answers.map((a) => a.ms)) / 1000).toFixed(2),
    answers: byStatus,
  };
  // Per second since the start: answers by status (stderr, to see the shape of the error window).
  const timeline = new Map<number, Record<string, number>>();
  for (const a of answers) {
    const second = Math.floor(a.at / 1000);
    const row = timeline.get(second) ?? {};
    row[a.status] = (row[a.status] ?? 0) + 1;
    timeline.set(second, row);
  }
  console.error(`restart from ${(restartAt / 1000).toFixed(1)} s to ${((restartAt + restartMs) / 1000).toFixed(1)} s`);
  for (const [second, row] of [...timeline].sort((x, y) => x[0] - y[0])) console.error(`${second}s ${JSON.stringify(row)}`);
  console.log(JSON.stringify(figures));
} finally {
  await handle.close().catch(() => {});
  pg("pg_dropcluster", VERSION, CLUSTER, "--stop");
}
