// npx tsx bench/history.ts — the run history at 1,000,000 runs on PostgreSQL (DATABASE_URL required).
// Creates its own database, seeds it with `insert … select generate_series` (one workspace with 1M
// runs across 40 automations and three owners, outbound deliveries for one run in fifty, plus a
// second workspace), then times the list queries exactly as the pages run them: listRuns() through
// withUser() as an admin and as members; then the health panel and the list's small charts, before
// and after one round of the health rollup.
// Prints one line per case (p50/p95/max of the domain call, the index the plan used), then times
// one round of the retention job on the same data, prints one JSON object, and drops the database.
// BENCH_HISTORY_RUNS overrides the size, --plans prints full plans.
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import { withUser, type UserClaims } from "@/db/with-user";
import { getAutomationHealth, getHealthSummaries } from "@/lib/runs/automation-health";
import { rollUpHealth } from "@/lib/runs/health-rollup";
import { listRuns, runsPageQuery, type ListRunsParams } from "@/lib/runs/list-runs";
import { DEFAULT_RUN_CAP_PER_AUTOMATION, pruneHistory } from "@/lib/runs/prune-history";
import { createUser, createWorkspace } from "@/lib/workspaces/create-account";
import { withDatabase } from "@/test/global-setup";

const RUNS = Number(process.env.BENCH_HISTORY_RUNS ?? 1_000_000);
const RUNS_PER_EVENT = 4;
const AUTOMATIONS = 40;
const ITERATIONS = Number(process.env.BENCH_HISTORY_ITERATIONS ?? 30);
const HEALTH_ITERATIONS = Number(process.env.BENCH_HEALTH_ITERATIONS ?? 200);
const PAGE = 50;
const SHOW_PLANS = process.argv.includes("--plans");

type Actor = { label: string; claims: UserClaims; role: "admin" | "member"; userId: string };

function log(message: string) {
  console.log(message);
}

async function seed(db: Db) {
  const stamp = Date.now().toString(36);
  const user = async (label: string) => {
    const created = await createUser(db, { email: `history-${label}-${stamp}@bench.test`, passwordHash: null });
    return { ...created, claims: { sub: created.id, email: created.email, role: "authenticated" as const } };
  };
  const admin = await user("admin");
  // memberA owns a quarter of the automations, memberB one in twenty: a busy and a quiet member.
  const memberA = await user("member-a");
  const memberB = await user("member-b");
  const outsider = await user("outsider");
  const workspace = await createWorkspace(db, { name: "History bench", adminId: admin.id });
  const other = await createWorkspace(db, { name: "Other", adminId: outsider.id });
  await db.execute(sql`insert into workspace_members (workspace_id, user_id, role) values
    (${workspace.id}, ${memberA.id}, 'member'), (${workspace.id}, ${memberB.id}, 'member')`);

  await db.execute(sql`
    insert into webhook_sources (workspace_id, name, secret)
    select w, 'Bench CRM', 'whsec_' || md5(w::text) from unnest(array[${workspace.id}::uuid, ${other.id}::uuid]) as w`);
  // Automation n (0-based) is owned by memberB when n % 20 = 0, by memberA when n % 4 = 1, else by the admin.
  await db.execute(sql`
    insert into automations (workspace_id, owner_id, name, trigger, trigger_type, actions)
    select ${workspace.id}::uuid,
      case when n % 20 = 0 then ${memberB.id}::uuid when n % 4 = 1 then ${memberA.id}::uuid else ${admin.id}::uuid end,
      'Automation ' || lpad(n::text, 2, '0'), '{"type":"deal.updated"}'::jsonb, 'deal.updated',
      '[{"type":"notify_user","config":{"to":{"kind":"deal_owner"},"message":"{{deal.title}} changed"}}]'::jsonb
    from generate_series(0, ${AUTOMATIONS - 1}) as n`);
  await db.execute(sql`
    insert into automations (workspace_id, owner_id, name, trigger, trigger_type, actions)
    values (${other.id}, ${outsider.id}, 'Elsewhere', '{"type":"deal.updated"}', 'deal.updated', '[]')`);

  const events = Math.ceil(RUNS / RUNS_PER_EVENT);
  const started = performance.now();
  await seedWorkspaceRuns(db, workspace.id, events, RUNS_PER_EVENT);
  await seedWorkspaceRuns(db, other.id, Math.ceil(events / 20), 1);
  await seedDeliveries(db, workspace.id);
  await db.execute(sql`vacuum analyze`);
  log(`seeded ${RUNS.toLocaleString("en-US")} runs (${events.toLocaleString("en-US")} events) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const owned = async (ownerId: string) => {
    const rows = await db.execute(sql`select id from automations where owner_id = ${ownerId} order by name limit 1`);
    return ((Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as { id: string }).id;
  };
  return {
    workspaceId: workspace.id,
    actors: {
      admin: { label: "admin", claims: admin.claims, role: "admin", userId: admin.id } satisfies Actor,
      memberA: { label: "member (25% of runs)", claims: memberA.claims, role: "member", userId: memberA.id } satisfies Actor,
      memberB: { label: "member (5% of runs)", claims: memberB.claims, role: "member", userId: memberB.id } satisfies Actor,
    },
    automationOf: { admin: await owned(admin.id), memberA: await owned(memberA.id) },
  };
}

/**
 * `events` events, each run by `perEvent` automations of the workspace (numbered by name), the runs
 * of one event sharing its timestamp as the ingest path writes them: ties the keyset must order.
 * Ten seconds between events; statuses by a hash: 70% succeeded, 20% skipped, 8% failed, 2% stopped.
 */
async function seedWorkspaceRuns(db: Db, workspaceId: string, events: number, perEvent: number) {
  await db.execute(sql`drop table if exists bench_events`);
  await db.execute(sql`
    create unlogged table bench_events as
    select i, gen_random_uuid() as id, now() - i * interval '10 seconds' as at, 'D-' || (i % 50000) as entity_id
    from generate_series(1, ${events}) as i`);
  await db.execute(sql`
    insert into events (id, workspace_id, source_id, external_id, type, entity_type, entity_id, payload, occurred_at, received_at)
    select e.id, ${workspaceId}::uuid, s.id, 'msg_' || e.i, 'deal.updated', 'deal', e.entity_id,
      jsonb_build_object('type', 'deal.updated', 'occurredAt', e.at,
        'entity', jsonb_build_object('type', 'deal', 'id', e.entity_id,
          'data', jsonb_build_object('title', 'Deal ' || e.i, 'stage', 'negotiation', 'amount', e.i % 100000, 'owner_id', 'crm-a')),
        'previous', jsonb_build_object('stage', 'proposal')),
      e.at, e.at
    from bench_events e cross join (select id from webhook_sources where workspace_id = ${workspaceId}::uuid) s`);
  await db.execute(sql`
    with numbered as (
      select id, owner_id, row_number() over (order by name) - 1 as n, count(*) over () as total
      from automations where workspace_id = ${workspaceId}::uuid
    )
    insert into automation_runs (workspace_id, automation_id, automation_owner_id, automation_version, event_id,
      event_type, entity_id, status, trace, duration_micros, created_at, finished_at)
    select ${workspaceId}::uuid, a.id, a.owner_id, 1, e.id, 'deal.updated', e.entity_id,
      case when h < 70 then 'succeeded' when h < 90 then 'skipped' when h < 98 then 'failed' else 'stopped' end,
      jsonb_build_object('trigger', jsonb_build_object('matched', true, 'reason', 'deal updated'),
        'conditions', jsonb_build_object('kind', 'group', 'match', 'all', 'result', h < 70 or h >= 90, 'children',
          jsonb_build_array(jsonb_build_object('kind', 'condition', 'field', 'deal.amount', 'operator', 'gt',
            'expected', 10000, 'actual', e.i % 100000, 'result', h < 70 or h >= 90))),
        'templates', jsonb_build_object('missing', '[]'::jsonb)),
      100 + e.i % 900, e.at, e.at
    from bench_events e
    cross join generate_series(0, ${perEvent - 1}) as k
    cross join lateral (select abs(hashint4(e.i * ${perEvent} + k)) % 100 as h) hashed
    join numbered a on a.n = (e.i * ${perEvent} + k) % a.total`);
  await db.execute(sql`drop table bench_events`);
}

/** One outbound webhook for one run in fifty, sent a second after its run; one in ten of them finally failed. */
async function seedDeliveries(db: Db, workspaceId: string) {
  await db.execute(sql`
    insert into outbox (workspace_id, run_id, action_index, kind, payload, status, attempts, created_at, sent_at)
    select workspace_id, id, 0, 'webhook', '{}'::jsonb, case when abs(hashtext(id::text)) % 500 < 50 then 'failed' else 'sent' end, 1, created_at, created_at
    from automation_runs where workspace_id = ${workspaceId}::uuid and abs(hashtext(id::text)) % 50 = 0`);
  await db.execute(sql`
    insert into outbox_attempts (outbox_id, workspace_id, attempt, started_at, latency_ms, outcome)
    select id, workspace_id, 1, created_at + interval '1 second', 20, case status when 'failed' then 'failed' else 'delivered' end
    from outbox where workspace_id = ${workspaceId}::uuid`);
}

type Case = { name: string; actor: Actor; params: Omit<ListRunsParams, "workspaceId" | "limit"> };

async function measure(db: Db, workspaceId: string, c: Case) {
  const params: ListRunsParams = { ...c.params, workspaceId, limit: PAGE };
  let rows = 0;
  for (let i = 0; i < 3; i++) rows = (await listRuns(db, c.actor.claims, params)).runs.length;
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now();
    await listRuns(db, c.actor.claims, params);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const plan = await withUser(db, c.actor.claims, async (tx) => {
    const query = runsPageQuery(tx, params, { role: c.actor.role, userId: c.actor.userId }, PAGE + 1);
    const result = await tx.execute(sql`explain (analyze, buffers) ${query.getSQL()}`);
    return resultRows<object>(result).map((row) => String(Object.values(row)[0]));
  });
  const index = plan.join("\n").match(/Index Scan(?: Backward)? using (\w+) on automation_runs/)?.[1] ?? "NO INDEX (see plan)";
  const execution = plan.find((line) => line.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "?";
  return { name: c.name, rows, p50: round(pick(0.5)), p95: round(pick(0.95)), max: round(times[times.length - 1]), index, execution, plan };
}

/**
 * The retention job's first round on this history: the seeded runs span ~29 days, so a 26-day
 * period expires about a tenth of them, and 25,000 runs per automation exceed the 10,000 cap.
 */
async function measurePrune(db: Db) {
  const started = performance.now();
  const result = await pruneHistory(db, { now: new Date(), retentionDays: 26, perAutomationCap: DEFAULT_RUN_CAP_PER_AUTOMATION });
  const seconds = (performance.now() - started) / 1000;
  const statements = result.chunks.length;
  log(
    `prune (26 days, cap ${DEFAULT_RUN_CAP_PER_AUTOMATION}): ${result.expiredRuns} expired runs, ${result.cappedRuns} over-cap runs, ${result.events} events` +
      ` in ${statements} chunks (largest ${Math.max(0, ...result.chunks)}), ${seconds.toFixed(1)} s, ${((seconds * 1000) / Math.max(1, statements)).toFixed(1)} ms per chunk`,
  );
  return { expiredRuns: result.expiredRuns, cappedRuns: result.cappedRuns, events: result.events, chunks: statements, seconds: round(seconds) };
}

/** p50 and p99 of `call` over `iterations` calls, after three warm-up calls. */
async function timeCalls(call: () => Promise<unknown>, iterations = HEALTH_ITERATIONS) {
  for (let i = 0; i < 3; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const pick = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))]);
  return { p50: pick(0.5), p99: pick(0.99) };
}

/**
 * The health panel (automation page) and the list's small charts (a page of 40 automations), as the
 * pages run them: first with nothing rolled up (every day counted live), then after one round of
 * the rollup job (closed days and today so far from the rollup, the last twelve minutes live).
 */
async function measureHealth(db: Db, workspaceId: string, claims: UserClaims, automationId: string) {
  const ids = resultRows<{ id: string }>(await db.execute(sql`select id from automations where workspace_id = ${workspaceId}::uuid order by name`)).map((row) => row.id);
  const panel = () => getAutomationHealth(db, claims, { workspaceId, automationId, now: new Date() });
  const list = () => getHealthSummaries(db, claims, { workspaceId, automationIds: ids, now: new Date() });
  const livePanel = await timeCalls(panel, ITERATIONS);
  const started = performance.now();
  // As just before the next round (ten minutes later): the last twelve minutes are counted live.
  const rollup = await rollUpHealth(db, { now: new Date(Date.now() - 10 * 60_000) });
  const rollupSeconds = round((performance.now() - started) / 1000);
  const result = { livePanel, panel: await timeCalls(panel), list: await timeCalls(list), rollupSeconds, rolledUpDays: rollup.days };
  log(`health rollup: ${rollup.days} workspace-days in ${rollupSeconds} s`);
  log(`automation health panel (30 days, the busiest automation): counted live p50 ${livePanel.p50} ms p99 ${livePanel.p99} ms; from the rollup p50 ${result.panel.p50} ms p99 ${result.panel.p99} ms (budget 100 ms)`);
  log(`automations list, small charts of ${ids.length} automations: p50 ${result.list.p50} ms p99 ${result.list.p99} ms`);
  return result;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    console.error("DATABASE_URL is required (a PostgreSQL server; the benchmark creates and drops its own database).");
    process.exit(1);
  }
  const name = `crm_history_bench_${Date.now()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  log(`database ${name}`);
  const handle = await createDb({ databaseUrl: withDatabase(serverUrl, name), maxConnections: 2 });
  try {
    const world = await seed(handle.db);
    const { actors, automationOf } = world;
    const firstPage = await listRuns(handle.db, actors.admin.claims, { workspaceId: world.workspaceId, limit: PAGE });
    const deep = await listRuns(handle.db, actors.admin.claims, { workspaceId: world.workspaceId, limit: 100, cursor: firstPage.nextCursor! });
    const today = new Date();
    const day = (offset: number) => new Date(today.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
    const cases: Case[] = [
      { name: "logs, admin", actor: actors.admin, params: {} },
      { name: "logs, admin, status=failed", actor: actors.admin, params: { status: "failed" } },
      { name: "logs, admin, status=stopped (2%)", actor: actors.admin, params: { status: "stopped" } },
      { name: "logs, admin, page 2 (cursor)", actor: actors.admin, params: { cursor: deep.nextCursor! } },
      { name: "logs, admin, entity id", actor: actors.admin, params: { entityId: "D-4242" } },
      { name: "logs, admin, 5-day range", actor: actors.admin, params: { from: day(20), to: day(15) } },
      { name: "logs, member 25%", actor: actors.memberA, params: {} },
      { name: "logs, member 25%, status=failed", actor: actors.memberA, params: { status: "failed" } },
      { name: "logs, member 5%", actor: actors.memberB, params: {} },
      { name: "logs, member 5%, status=stopped", actor: actors.memberB, params: { status: "stopped" } },
      { name: "automation runs, admin", actor: actors.admin, params: { automationId: automationOf.admin } },
      { name: "automation runs, admin, status=failed", actor: actors.admin, params: { automationId: automationOf.admin, status: "failed" } },
      { name: "automation runs, member", actor: actors.memberA, params: { automationId: automationOf.memberA } },
      { name: "automation runs, member, status=failed", actor: actors.memberA, params: { automationId: automationOf.memberA, status: "failed" } },
    ];
    const results = [];
    log(`\n${"case".padEnd(42)} ${"rows".padStart(4)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}  index (EXPLAIN ANALYZE execution time)`);
    for (const c of cases) {
      const result = await measure(handle.db, world.workspaceId, c);
      results.push(result);
      log(`${c.name.padEnd(42)} ${String(result.rows).padStart(4)} ${result.p50.toFixed(2).padStart(8)} ${result.p95.toFixed(2).padStart(8)} ${result.max.toFixed(2).padStart(8)}  ${result.index} (${result.execution})`);
      if (SHOW_PLANS) log(result.plan.map((line) => `    ${line}`).join("\n"));
    }
    const worst = Math.max(...results.map((result) => result.p95));
    log(`\nworst p95: ${worst} ms (budget 100 ms)`);
    const health = await measureHealth(handle.db, world.workspaceId, actors.admin.claims, automationOf.admin);
    const prune = await measurePrune(handle.db);
    log(JSON.stringify({ runs: RUNS, page: PAGE, iterations: ITERATIONS, worstP95Ms: worst, healthP50Ms: health.panel.p50, healthP99Ms: health.panel.p99, health, cases: results.map(({ plan: _plan, ...rest }) => rest), prune }));
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
