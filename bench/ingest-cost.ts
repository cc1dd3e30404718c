// npx tsx bench/ingest-cost.ts (needs DATABASE_URL): the webhook pipeline without the HTTP server.
// Calls ingestWebhook in-process for the benchmark workload at a fixed concurrency and reports,
// per event, this process's CPU time and the database server's CPU time (its backends' /proc
// counters) and the WAL it wrote, so a change to the write path or to the request code can be weighed on its own.
import fs from "node:fs";
import postgres from "postgres";
import { createDb } from "@/db/client";
import { withDatabase } from "@/test/global-setup";
import { deliverMany, inProcessDeliveries } from "./in-process";
import { seedBench } from "./seed-bench";

const EVENTS = Number(process.env.EVENTS ?? 4000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 10);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error("DATABASE_URL is required");

const name = `crm_ingest_cost_${Date.now()}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);

/** CPU ticks (1/100 s) of this database's backends, read from /proc (server on this machine). */
async function backendTicks(): Promise<number> {
  const rows = await admin.unsafe<{ pid: number }[]>(`select pid from pg_stat_activity where datname = '${name}'`);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the backend exited
    }
  }
  return ticks;
}

/** The server's WAL counters (pg_stat_wal: the whole server, so run this on a quiet one). */
async function walCounters(): Promise<{ bytes: number; fpi: number; lsn: string }> {
  const [row] = await admin.unsafe<{ bytes: string; fpi: string; lsn: string }[]>(
    `select wal_bytes::text as bytes, wal_fpi::text as fpi, pg_current_wal_lsn()::text as lsn from pg_stat_wal`,
  );
  return { bytes: Number(row.bytes), fpi: Number(row.fpi), lsn: row.lsn };
}

/** WAL_STATS=1: what the timed events wrote to the WAL, by record type (pg_walinspect, superuser). */
async function printWalStats(from: string, to: string): Promise<void> {
  const [{ installed }] = await admin.unsafe<{ installed: boolean }[]>(`select exists (select from pg_extension where extname = 'pg_walinspect') as installed`);
  if (!installed) await admin.unsafe(`create extension pg_walinspect`);
  const rows = await admin.unsafe<{ type: string; count: string; bytes: string; fpi: string }[]>(
    `select "resource_manager/record_type" as type, count::text, combined_size::text as bytes, fpi_size::text as fpi
     from pg_get_wal_stats($1, $2, true) where count > 0 order by combined_size desc limit 20`,
    [from, to],
  );
  if (!installed) await admin.unsafe(`drop extension pg_walinspect`);
  for (const r of rows) {
    console.log(`${r.type.padEnd(28)} ${(Number(r.count) / EVENTS).toFixed(2).padStart(7)} per event ${Math.round(Number(r.bytes) / EVENTS).toString().padStart(7)} B per event (full pages ${Math.round(Number(r.fpi) / EVENTS)} B)`);
  }
}

try {
  const handle = await createDb({ databaseUrl: withDatabase(serverUrl, name), maxConnections: CONCURRENCY });
  const seeded = await seedBench(handle.db);
  for (const statement of (process.env.SETUP_SQL ?? "").split(";").filter((s) => s.trim())) await handle.db.execute(statement);
  const deliver = inProcessDeliveries(handle.db, seeded, "msg_cost");
  const drive = (count: number) => deliverMany(deliver, count, CONCURRENCY);
  await drive(Number(process.env.WARMUP ?? 500)); // warm-up: caches, prepared statements, JIT (WARMUP: more history first)
  // CHECKPOINT=1: start the timed events right after a checkpoint, when each page's first change
  // since it writes a full-page image to the WAL (what a checkpoint costs the events that follow).
  if (process.env.CHECKPOINT) await admin.unsafe("checkpoint");
  const walBefore = await walCounters();
  const ticksBefore = await backendTicks();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await drive(EVENTS);
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const pgMs = ((await backendTicks()) - ticksBefore) * 10;
  const walAfter = await walCounters();
  if (process.env.WAL_STATS) await printWalStats(walBefore.lsn, walAfter.lsn);
  const nodeMs = (cpu.user + cpu.system) / 1000;
  console.log(
    JSON.stringify({
      events: EVENTS,
      concurrency: CONCURRENCY,
      events_per_s: Math.round(EVENTS / (wall / 1000)),
      node_us_per_event: Math.round((nodeMs * 1000) / EVENTS),
      pg_us_per_event: Math.round((pgMs * 1000) / EVENTS),
      wal_bytes_per_event: Math.round((walAfter.bytes - walBefore.bytes) / EVENTS),
      wal_full_pages_per_event: Number(((walAfter.fpi - walBefore.fpi) / EVENTS).toFixed(2)),
    }),
  );
  await handle.close();
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
