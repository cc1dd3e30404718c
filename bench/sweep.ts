// npx tsx bench/sweep.ts — one scheduler sweep over 100,000 tracked deals of which 1,000 are due,
// on PostgreSQL (DATABASE_URL required). Creates its own database, seeds the snapshots with
// `insert … select generate_series` (deals active in the last days, deals long inactive that
// earlier sweeps already handled, and 1,000 whose 7 days of inactivity ended since the last
// sweep), then times sweepTimeTriggers() at `now`: the due queries, the engine, and the 1,000 runs
// with their follow-up activities and notifications written through app.record_event. Prints one
// JSON object and drops the database. BENCH_SWEEP_DEALS and BENCH_SWEEP_DUE override the sizes.
import postgres from "postgres";
import { count, eq, sql } from "drizzle-orm";
import { createDb, type Db } from "@/db/client";
import { activities, automationRuns, automations } from "@/db/schema";
import { sweepTimeTriggers } from "@/lib/scheduler/sweep";
import { createUser, createWorkspace } from "@/lib/workspaces/create-account";
import { withDatabase } from "@/test/global-setup";

const DEALS = Number(process.env.BENCH_SWEEP_DEALS ?? 100_000);
const DUE = Number(process.env.BENCH_SWEEP_DUE ?? 1_000);
const DAYS = 7;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

async function seed(db: Db, now: Date) {
  const stamp = Date.now().toString(36);
  const admin = await createUser(db, { email: `sweep-admin-${stamp}@bench.test`, passwordHash: null });
  const workspace = await createWorkspace(db, { name: "Sweep bench", adminId: admin.id, adminCrmUserId: "crm-admin" });
  // The last sweep ran a minute ago: its cut-off is 7 days and a minute before now.
  const lastSweep = new Date(now.getTime() - MINUTE_MS);
  const [automation] = await db
    .insert(automations)
    .values({
      workspaceId: workspace.id,
      ownerId: admin.id,
      name: "Inactive for 7 days",
      trigger: { type: "deal.inactive", days: DAYS },
      triggerType: "deal.inactive",
      actions: [
        { type: "create_activity", config: { subject: "Revive {{deal.title}}", activityType: "call", dueInDays: 1, assignee: { kind: "deal_owner" } } },
        { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{deal.title}} has been quiet for a week" } },
      ],
      activatedAt: new Date(now.getTime() - 60 * DAY_MS),
    })
    .returning({ id: automations.id });
  await db
    .update(automations)
    .set({ sweptUntil: new Date(lastSweep.getTime() - DAYS * DAY_MS), sweptAt: lastSweep })
    .where(eq(automations.id, automation.id));
  const dueFrom = now.getTime() - DAYS * DAY_MS - MINUTE_MS;
  const longInactive = Math.floor((DEALS - DUE) / 5);
  // i ≤ DUE: last activity within the minute before the cut-off (due now); then a fifth long
  // inactive (handled by earlier sweeps); the rest active in the last six days.
  await db.execute(sql`
    insert into public.entity_snapshots (workspace_id, entity_type, entity_id, data, last_occurred_at, last_activity_at, open, updated_at)
    select ${workspace.id}::uuid, 'deal', 'D-' || i,
      jsonb_build_object('title', 'Deal ' || i, 'stage', 'proposal', 'amount', i, 'currency', 'EUR', 'status', 'open', 'owner_id', 'crm-admin'),
      t, t, true, t
    from (
      select i, to_timestamp((case
        when i <= ${DUE}::int then ${dueFrom}::bigint + (i::bigint * ${MINUTE_MS - 1000}::bigint / ${DUE}::bigint)
        when i <= ${DUE + longInactive}::int then ${dueFrom}::bigint - (i::bigint * 3000)
        else ${now.getTime() - 6 * DAY_MS}::bigint + (i::bigint * 5000) % ${6 * DAY_MS - MINUTE_MS}::bigint
      end) / 1000.0) as t
      from generate_series(1, ${DEALS}::int) as i
    ) s`);
  await db.execute(sql`analyze public.entity_snapshots`);
  return { workspaceId: workspace.id, automationId: automation.id };
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("bench/sweep.ts needs DATABASE_URL (a PostgreSQL server)");
  const name = `crm_sweep_bench_${Date.now()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  try {
    const handle = await createDb({ databaseUrl: withDatabase(serverUrl, name), maxConnections: 5 });
    try {
      const now = new Date();
      const { automationId } = await seed(handle.db, now);
      const started = performance.now();
      const result = await sweepTimeTriggers(handle.db, { now });
      const sweepMs = performance.now() - started;
      const [runs] = await handle.db.select({ n: count() }).from(automationRuns).where(eq(automationRuns.automationId, automationId));
      const [followUps] = await handle.db.select({ n: count() }).from(activities).where(eq(activities.automationId, automationId));
      const again = performance.now();
      const second = await sweepTimeTriggers(handle.db, { now: new Date(now.getTime() + MINUTE_MS) });
      const secondMs = performance.now() - again;
      console.error(`sweep over ${DEALS.toLocaleString("en")} tracked deals: ${result.due} due, ${result.runs} runs in ${sweepMs.toFixed(0)} ms; the next minute's sweep: ${second.runs} runs in ${secondMs.toFixed(0)} ms`);
      console.log(JSON.stringify({ tracked_deals: DEALS, due: result.due, runs: result.runs, runs_written: runs.n, activities_written: followUps.n, sweep_ms: Math.round(sweepMs), next_sweep_runs: second.runs, next_sweep_ms: Math.round(secondMs) }));
    } finally {
      await handle.close();
    }
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
