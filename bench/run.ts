// npm run bench: builds and starts the app (`next start`, BENCH=1) on its own database, seeds the
// benchmark workspace, measures the webhook pipeline against the bare baseline route with
// autocannon, then the engine against json-rules-engine. The last line printed is one JSON object.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import { createDb } from "@/db/client";
import { runEngineBench } from "./engine";
import { DELIVERY_EVERY, deliveryLatencies, deliveryMix, seedDeliveryAutomation, startDeliveryReceiver } from "./delivery";
import { BENCH_OWNERS, seedBench, signedBenchDelivery } from "./seed-bench";
import { benchEventBody, rng } from "./workload";
import { pacedAgent, pacedLoad } from "./paced";
import { describeCpuSplit, watchCpuSplit } from "./diagnostics/cpu-split";
import { describeSteal, watchSteal } from "./diagnostics/cpu-steal";
import { describeDiskStalls, watchDisk } from "./diagnostics/disk-stalls";
import { describeKernelScans, watchKernelScans } from "./diagnostics/kernel-scans";
import { armServerGc, describeServerGc, readServerGc } from "./diagnostics/server-gc";
import { run } from "@/scripts/run";
import { withDatabase } from "@/test/global-setup";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
// The delivery phase's webhook receiver, in this process.
const RECEIVER_PORT = Number(process.env.BENCH_RECEIVER_PORT ?? PORT + 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// A profiled run (BENCH_PROFILE=<dir>) builds unminified, into its own directory.
const PROFILE_DIR = process.env.BENCH_PROFILE;
const DIST_DIR = PROFILE_DIR ? ".next-bench-profile" : ".next-bench";
const BUILD_ENV = { BENCH: "1", NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", BENCH_UNMINIFIED: PROFILE_DIR ? "1" : "" };

type Figures = { rps: number; p50: number; p99: number; errors: number; non2xx: number; ok: number };

function log(message: string) {
  console.error(`[bench] ${message}`);
}

async function prepareDatabase(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void>; database: "pglite" | "postgres" }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `crm_bench_${Date.now()}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    return {
      database: "postgres",
      env: { DATABASE_URL: withDatabase(serverUrl, name) },
      cleanup: async () => {
        const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-bench-"));
  return { database: "pglite", env: { DATA_DIR: dataDir, DATABASE_URL: "" }, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

function startServer(env: Record<string, string>): ChildProcess {
  // BENCH_PROFILE=<dir>: the server writes a CPU profile there when it stops.
  const profile = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  return spawn(process.execPath, [...profile, ...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? []), path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    stdio: ["ignore", process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, "w") : "ignore", "inherit"],
    env: {
      ...process.env,
      ...env,
      ...BUILD_ENV, NODE_ENV: "production",
      AUTH_SECRET: "bench-secret-bench-secret-bench-secret!!",
      // The delivery phase's receiver is local and plain HTTP.
      OUTBOUND_ALLOW_HOSTS: "127.0.0.1",
      OUTBOUND_ALLOW_HTTP: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not become healthy in 120 s");
}

function figures(result: autocannon.Result): Figures {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ok: result["2xx"],
  };
}

async function load(options: { path: string; duration: number; body: () => { body: string; headers: Record<string, string> } }): Promise<Figures> {
  const result = await autocannon({
    url: `${BASE}${options.path}`,
    connections: CONNECTIONS,
    duration: options.duration,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const { body, headers } = options.body();
          return { ...request, body, headers: { ...request.headers, "content-type": "application/json", ...headers } };
        },
      },
    ],
  });
  return figures(result);
}

/**
 * Before each measured phase: the database's dirty pages written out (CHECKPOINT, on the server)
 * and the operating system's (sync), so a phase does not pay for flushing what the previous one
 * wrote. A phase's own writes are flushed while it runs, as they would be in production.
 */
async function flushWrites(databaseUrl: string | undefined): Promise<void> {
  if (databaseUrl) {
    const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await client.unsafe("checkpoint").catch((error: Error) => log(`CHECKPOINT refused (${error.message}); measuring without it`));
    await client.end();
  }
  await run("sync", []);
}

/** Where the database keeps its files: the embedded one's directory, or the server's data_directory (superuser). */
async function dataDirectory(db: { env: Record<string, string> }): Promise<string> {
  if (!db.env.DATABASE_URL) return db.env.DATA_DIR;
  const client = postgres(db.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client.unsafe<{ dir: string }[]>("select current_setting('data_directory') as dir");
    return row.dir;
  } catch {
    return ""; // not allowed to read it: nothing to watch
  } finally {
    await client.end();
  }
}

const PACED_SECONDS = Math.min(DURATION, 15);

/**
 * An open-loop phase at a steady rate: dirty pages flushed, then 5 s at the rate unmeasured (the
 * previous phase leaves a backlog behind: queued writes, the disk flushing what it wrote), then
 * PACED_SECONDS measured, so the figure is that load's own steady state.
 */
async function pacedPhase(options: {
  path: string;
  rate: number;
  request: () => { body: string; headers: Record<string, string> };
  databaseUrl: string | undefined;
  diskDirectory: string | undefined;
}): Promise<Figures> {
  const agent = pacedAgent();
  const target = { url: `${BASE}${options.path}`, rate: options.rate, request: options.request, agent };
  await flushWrites(options.databaseUrl);
  await pacedLoad({ ...target, duration: 5 });
  const diskWatch = options.diskDirectory === undefined ? undefined : watchDisk(options.diskDirectory);
  const stealWatch = process.env.BENCH_TIMELINE ? watchSteal() : undefined;
  const scanWatch = process.env.BENCH_TIMELINE ? watchKernelScans() : undefined;
  const paced = await pacedLoad({ ...target, duration: PACED_SECONDS });
  agent.destroy();
  if (diskWatch) {
    for (const line of describeDiskStalls(diskWatch.stop(), paced.startedAt, paced.slow)) log(line);
  }
  if (stealWatch) {
    for (const line of describeSteal(stealWatch.stop(), paced.startedAt, paced.slow)) log(line);
  }
  if (scanWatch) {
    for (const line of describeKernelScans(scanWatch.stop(), paced.startedAt, paced.slow)) log(line);
  }
  if (process.env.BENCH_TIMELINE) {
    const activity = await readServerGc(BASE, paced.startedAt, Date.now());
    for (const line of describeServerGc(activity, paced.startedAt, paced.slow)) log(line);
  }
  if (paced.errors > 0) log(`${options.path} at ${options.rate}/s: requests without a response, by error: ${JSON.stringify(paced.errorCodes)}`);
  return { rps: paced.ok / PACED_SECONDS, p50: paced.p50, p99: paced.p99, errors: paced.errors, non2xx: paced.non2xx, ok: paced.ok };
}

async function commits(): Promise<{ commits: number; writeTransactions: number }> {
  await new Promise((r) => setTimeout(r, 1500)); // statistics are flushed at most once a second
  const response = await fetch(`${BASE}/api/bench/stats`);
  return (await response.json()) as { commits: number; writeTransactions: number };
}

function pad(value: string | number, width = 12): string {
  return String(value).padStart(width);
}

const started = Date.now();
const db = await prepareDatabase();
let server: ChildProcess | undefined;
const receiver = await startDeliveryReceiver(RECEIVER_PORT);
try {
  // BENCH_SKIP_BUILD=1 reuses the last bench build (while iterating on the harness itself).
  if (process.env.BENCH_SKIP_BUILD === "1" && fs.existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
    log(`reusing the build in ${DIST_DIR}`);
  } else {
    log("building (BENCH=1)…");
    await run("npx", ["next", "build"], BUILD_ENV);
  }

  log("seeding 1,000 automations…");
  const handle = await createDb({ databaseUrl: db.env.DATABASE_URL || undefined, dataDir: db.env.DATA_DIR });
  const seeded = await seedBench(handle.db);
  await seedDeliveryAutomation(handle.db, seeded.workspaceId, seeded.adminId, receiver.url);
  await handle.close();

  server = startServer(db.env);
  await waitForHealth();
  if (process.env.BENCH_TIMELINE) await armServerGc(BASE);

  const random = rng(1);
  let sequence = 0;
  const signer = new Webhook(seeded.secret);
  const pipelineBody = () => signedBenchDelivery(signer, random, sequence++, `msg_bench_${started}`);
  const baselineBody = () => ({ body: JSON.stringify(benchEventBody(random, sequence++, BENCH_OWNERS)), headers: {} });
  const pipelinePath = `/api/webhooks/${seeded.sourceId}`;

  log("warming up…");
  await load({ path: "/api/bench/baseline", duration: 5, body: baselineBody });
  await load({ path: pipelinePath, duration: 5, body: pipelineBody });

  await flushWrites(db.env.DATABASE_URL || undefined);
  log(`baseline: ${DURATION} s at ${CONNECTIONS} connections…`);
  const baselineCpu = watchCpuSplit(server.pid);
  const baseline = await load({ path: "/api/bench/baseline", duration: DURATION, body: baselineBody });
  const baselineSplit = baselineCpu?.stop();

  await flushWrites(db.env.DATABASE_URL || undefined);
  log(`pipeline: ${DURATION} s at ${CONNECTIONS} connections…`);
  const commitsBefore = await commits();
  const pipelineCpu = watchCpuSplit(server.pid);
  const pipeline = await load({ path: pipelinePath, duration: DURATION, body: pipelineBody });
  const pipelineSplit = pipelineCpu?.stop();
  const commitsAfter = await commits();
  // The stats read itself commits once per call. Requests still in flight when the load stops
  // commit too without being counted as answered: a few tenths of a percent at 50 connections.
  const commitsPerEvent = (commitsAfter.commits - commitsBefore.commits - 1) / Math.max(1, pipeline.ok);
  const writesPerEvent = (commitsAfter.writeTransactions - commitsBefore.writeTransactions) / Math.max(1, pipeline.ok);

  const halfRate = Math.max(1, Math.floor(pipeline.rps / 2));
  const paced = { rate: halfRate, databaseUrl: db.env.DATABASE_URL || undefined };
  log(`pipeline at half load (${halfRate} events/s): 5 s to settle, then ${PACED_SECONDS} s measured…`);
  // BENCH_TIMELINE: the disk holding the database, watched during the measured half load (when it is on this machine).
  const diskDirectory = process.env.BENCH_TIMELINE ? await dataDirectory(db) : undefined;
  const half = await pacedPhase({ ...paced, path: pipelinePath, request: pipelineBody, diskDirectory });
  // The control for that figure: the baseline route paced at the same rate, the same way, so the
  // latency the stack itself adds at this rate on this machine is printed beside the pipeline's.
  log(`baseline at the same rate (${halfRate} requests/s): 5 s to settle, then ${PACED_SECONDS} s measured…`);
  const baselineHalf = await pacedPhase({ ...paced, path: "/api/bench/baseline", request: baselineBody, diskDirectory: undefined });

  // Delivery: the pipeline with one event in ten sending a webhook, at full load (inbound rate and
  // deliveries per second), then at half load (time from sending the event to the delivery).
  log(`delivery: ${DURATION} s at ${CONNECTIONS} connections, one event in ${DELIVERY_EVERY} sending a webhook…`);
  const fullSent = new Map<string, number>();
  await flushWrites(db.env.DATABASE_URL || undefined);
  const deliveryStart = Date.now();
  const deliveryPhase = await load({ path: pipelinePath, duration: DURATION, body: deliveryMix({ signer, idPrefix: `full_${started}`, regular: pipelineBody, sentAt: fullSent }) });
  const deliveryEnd = Date.now();
  const deliveredInPhase = [...receiver.arrivals.values()].filter((at) => at >= deliveryStart && at <= deliveryEnd).length;
  const fullDelivery = await deliveryLatencies(receiver, fullSent, 60_000);
  log(`delivery at half load (${halfRate} events/s): 5 s to settle, then ${PACED_SECONDS} s measured…`);
  const halfSent = new Map<string, number>();
  const deliveryHalf = await pacedPhase({ ...paced, path: pipelinePath, request: deliveryMix({ signer, idPrefix: `half_${started}`, regular: pipelineBody, sentAt: halfSent }), diskDirectory: undefined });
  const halfDelivery = await deliveryLatencies(receiver, halfSent, 60_000);

  const running = server.exitCode === null && server.signalCode === null;
  const exited = running ? new Promise((resolve) => server!.once("exit", resolve)) : Promise.resolve();
  server.kill("SIGTERM");
  await exited;
  server = undefined;
  // The engine needs no database: drop it first, so its background work (autovacuum of what the
  // load wrote) does not share the cores with the engine's timing.
  await db.cleanup();

  log("engine: 1,000 automations × 10,000 events, ours and json-rules-engine…");
  const engine = await runEngineBench(1000, Number(process.env.BENCH_ENGINE_EVENTS ?? 10_000));

  const ratio = pipeline.rps / baseline.rps;
  console.log("");
  console.log(`database: ${db.database}   connections: ${CONNECTIONS}   duration: ${DURATION} s`);
  console.log(`${"".padEnd(22)}${pad("req/s")}${pad("p50 ms")}${pad("p99 ms")}${pad("errors")}${pad("non-2xx")}`);
  const rows = [
    ["baseline (1 insert)", baseline],
    ["pipeline", pipeline],
    ["pipeline @ half load", half],
    ["baseline @ same rate", baselineHalf],
    ["delivery phase", deliveryPhase],
    ["delivery @ half load", deliveryHalf],
  ] as const;
  for (const [name, f] of rows) {
    console.log(`${name.padEnd(22)}${pad(f.rps.toFixed(0))}${pad(f.p50)}${pad(f.p99)}${pad(f.errors)}${pad(f.non2xx)}`);
  }
  console.log(
    `pipeline / baseline: ${(ratio * 100).toFixed(1)} %   commits per event: ${commitsPerEvent.toFixed(3)} (write transactions per event: ${writesPerEvent.toFixed(3)})`,
  );
  console.log(
    `delivery phase / baseline: ${((deliveryPhase.rps / baseline.rps) * 100).toFixed(1)} %   deliveries: ${(deliveredInPhase / DURATION).toFixed(1)}/s during the phase ` +
      `(${fullDelivery.delivered} delivered, ${fullDelivery.missing} missing, ${receiver.duplicates} duplicates)   ` +
      `send → delivery at half load: p50 ${halfDelivery.p50} ms, p99 ${halfDelivery.p99} ms (${halfDelivery.delivered} delivered, ${halfDelivery.missing} missing)`,
  );
  if (baselineSplit) console.log(describeCpuSplit("baseline", baselineSplit, baseline.ok));
  if (pipelineSplit) console.log(describeCpuSplit("pipeline", pipelineSplit, pipeline.ok));
  console.log(
    `engine: ${engine.oursUsPerEvent.toFixed(1)} µs/event (json-rules-engine ${engine.jsonRulesUsPerEvent.toFixed(0)} µs/event, ${engine.ratio.toFixed(0)}× faster; ` +
      `${engine.matchedPerEvent.toFixed(1)} matched and ${engine.passingPerEvent.toFixed(2)} passing per event; verdicts ${engine.agreed ? "agree" : "DIFFER"})`,
  );
  console.log(
    JSON.stringify({
      pipeline_eps: Math.round(pipeline.rps),
      baseline_rps: Math.round(baseline.rps),
      ratio: Number(ratio.toFixed(3)),
      p50_ms: pipeline.p50,
      p99_ms: pipeline.p99,
      p99_half_load_ms: half.p99,
      baseline_p99_half_load_ms: baselineHalf.p99,
      p99_half_load_ratio: baselineHalf.p99 > 0 ? Number((half.p99 / baselineHalf.p99).toFixed(2)) : null,
      commits_per_event: Number(commitsPerEvent.toFixed(3)),
      engine_us_per_event: Number(engine.oursUsPerEvent.toFixed(1)),
      engine_vs_json_rules_engine: Number(engine.ratio.toFixed(1)),
      delivery_phase_ratio: Number((deliveryPhase.rps / baseline.rps).toFixed(3)),
      deliveries_per_s: Number((deliveredInPhase / DURATION).toFixed(1)),
      delivery_p50_ms: halfDelivery.p50,
      delivery_p99_ms: halfDelivery.p99,
      database: db.database,
    }),
  );
} finally {
  server?.kill("SIGTERM");
  await db.cleanup();
  await receiver.close();
}
