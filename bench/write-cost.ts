// npx tsx bench/write-cost.ts (needs DATABASE_URL, a server on this machine): the database's CPU per
// event for the event write alone, compared between two copies of one seeded database. A_SQL and
// B_SQL (statements separated by `;;`) are run on copy A and copy B before the replay, so a schema
// or function change is weighed against the same events, written in the same way, in the same
// minute: both copies get the same planned events (the benchmark workload, planned once in this
// process), in batches of BATCH through app.record_events, from one connection each, taking turns
// in blocks of 20 batches. The figure is each backend's own CPU time (/proc/<pid>/schedstat, in
// nanoseconds), so neither this process nor the rest of the machine is counted. With neither A_SQL
// nor B_SQL set it compares a copy with itself: the spread of that is the noise floor.
import fs from "node:fs";
import postgres from "postgres";
import { createDb } from "@/db/client";
import { loadWorkspaceDirectory } from "@/lib/actions/load-workspace-directory";
import { ownerInfo } from "@/lib/runs/process-event";
import { eventWritePayload } from "@/lib/runs/record-event";
import { loadActiveAutomations } from "@/lib/runs/load-active-automations";
import { runAutomations } from "@/lib/runs/run-automations";
import { timeOrderedId } from "@/lib/time-ordered-id";
import { withDatabase } from "@/test/global-setup";
import { BENCH_OWNERS, seedBench } from "./seed-bench";
import { benchEventBody, rng, toNormalizedEvent } from "./workload";

const EVENTS = Number(process.env.EVENTS ?? 3000);
const BATCH = Number(process.env.BATCH ?? 5);
const TURN = 20;
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error("DATABASE_URL is required");

const statements = (text: string | undefined) => (text ?? "").split(";;").filter((s) => s.trim());
/** CPU time (ns) a backend has run for: the first field of its schedstat. */
const cpuNanos = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);

const base = `crm_write_cost_${Date.now()}`;
const names = [`${base}_a`, `${base}_b`] as const;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${names[0]}`);
try {
  // Seed copy A and plan every event twice (once per copy, each with its own ids), then clone A as B.
  const handle = await createDb({ databaseUrl: withDatabase(serverUrl, names[0]) });
  const seeded = await seedBench(handle.db);
  const random = rng(7);
  const payloads: [string[], string[]] = [[], []];
  for (let i = 0; i < EVENTS; i++) {
    const event = toNormalizedEvent(benchEventBody(random, i, BENCH_OWNERS));
    const active = await loadActiveAutomations(handle.db, seeded.workspaceId, event.type);
    const directory = await loadWorkspaceDirectory(handle.db, seeded.workspaceId);
    const now = new Date();
    for (const copy of payloads) {
      const eventId = timeOrderedId();
      const planOptions = { owner: ownerInfo(directory.users, event) };
      const { runs, effects } = runAutomations({ now, workspaceId: seeded.workspaceId, eventId, event, automations: active.automations, users: directory.users, planOptions });
      const params = { eventId, workspaceId: seeded.workspaceId, sourceId: seeded.sourceId, externalId: `msg_write_cost_${i}`, event, now };
      copy.push(JSON.stringify(eventWritePayload({ ...params, automationsStamp: active.stamp, triggerTypes: active.triggerTypes, membersStamp: directory.stamp, runs, effects })));
    }
  }
  await handle.close();
  await admin.unsafe(`create database ${names[1]} template ${names[0]}`);

  const copies = names.map((name) => postgres(withDatabase(serverUrl, name), { max: 1, onnotice: () => {} }));
  for (const s of statements(process.env.A_SQL)) await copies[0].unsafe(s);
  for (const s of statements(process.env.B_SQL)) await copies[1].unsafe(s);
  const pids = await Promise.all(copies.map(async (c) => (await c<{ pid: number }[]>`select pg_backend_pid() as pid`)[0].pid));

  // Turn 0 of each copy is the warm-up (plans, caches) and is not counted.
  const spent = [0, 0];
  const batches = Math.floor(EVENTS / BATCH);
  // One parameter per event, as the server sends a batch (lib/runs/write-batcher.ts), typed text so
  // that postgres.js sends the JSON text as it is.
  const writeSql = `select app.record_events(array[${Array.from({ length: BATCH }, (_, i) => `$${i + 1}::text::jsonb`).join(", ")}]) as result`;
  for (let turn = 0; turn * TURN < batches; turn++) {
    for (const k of turn % 2 === 0 ? [0, 1] : [1, 0]) {
      const before = cpuNanos(pids[k]);
      for (let b = turn * TURN; b < Math.min(batches, (turn + 1) * TURN); b++) {
        await copies[k].unsafe(writeSql, payloads[k].slice(b * BATCH, (b + 1) * BATCH));
      }
      if (turn > 0) spent[k] += cpuNanos(pids[k]) - before;
    }
  }
  const counted = (batches - Math.min(TURN, batches)) * BATCH;
  await Promise.all(copies.map((c) => c.end()));
  console.log(
    JSON.stringify({
      events: counted,
      batch: BATCH,
      a_us_per_event: Math.round(spent[0] / counted / 1000),
      b_us_per_event: Math.round(spent[1] / counted / 1000),
      b_over_a: Number((spent[1] / spent[0]).toFixed(3)),
    }),
  );
} finally {
  for (const name of names) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
