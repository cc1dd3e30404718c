// npx tsx bench/backtest.ts (needs DATABASE_URL): times "What would this rule have done?" over
// EVENTS stored events (100,000) of one workspace on PostgreSQL, against the 2 s target. It creates
// and drops its own database.
import postgres from "postgres";
import { createDb } from "@/db/client";
import { automationInputSchema } from "@/lib/automations/schema";
import { backtestAutomation } from "@/lib/backtest/backtest-automation";
import { insertSource } from "@/lib/webhooks/test-support";
import { makeTeam } from "@/test/fixtures";
import { withDatabase } from "@/test/global-setup";

const EVENTS = Number(process.env.EVENTS ?? 100_000);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("DATABASE_URL is required (a PostgreSQL server; the benchmark creates and drops its own database).");
  process.exit(1);
}
const name = `crm_backtest_bench_${Date.now()}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const handle = await createDb({ databaseUrl: withDatabase(serverUrl, name), maxConnections: 2 });
try {
  const team = await makeTeam(handle.db);
  const source = await insertSource(handle.db, team.workspace.id);
  const raw = postgres(withDatabase(serverUrl, name), { max: 1, onnotice: () => {} });
  // Deal updates over the last 30 days: a fifth of them move to Negotiation, amounts 1,000–100,000.
  await raw.unsafe(`
    insert into events (workspace_id, source_id, external_id, type, entity_type, entity_id, payload, received_at)
    select '${team.workspace.id}', '${source.id}', 'msg_' || g, 'deal.updated', 'deal', 'D-' || g,
      jsonb_build_object('type', 'deal.updated', 'occurredAt', now() - (g || ' seconds')::interval,
        'entity', jsonb_build_object('type', 'deal', 'id', 'D-' || g, 'data', jsonb_build_object(
          'title', 'Deal ' || g, 'stage', case when g % 5 = 0 then 'negotiation' else 'proposal' end,
          'amount', 1000 + (g * 7919) % 99000, 'currency', 'EUR', 'status', 'open', 'owner_id', 'crm-' || (g % 7))),
        'previous', jsonb_build_object('stage', case when g % 5 = 0 then 'proposal' else 'qualified' end)),
      now() - ((g * 25) || ' milliseconds')::interval
    from generate_series(1, ${EVENTS}) g`);
  await raw.unsafe("analyze events");
  await raw.end();
  const input = automationInputSchema.parse({
    name: "Big negotiations",
    trigger: { type: "deal.stage_changed", to: "negotiation" },
    conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 10000 }] },
    actions: [{ type: "create_activity", config: { subject: "Follow up on {{deal.title}}", activityType: "call", dueInDays: 2, assignee: { kind: "deal_owner" } } }],
  });
  const times: number[] = [];
  let last;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    last = await backtestAutomation(handle.db, { workspaceId: team.workspace.id, claims: team.admin.claims, input, days: 30, now: new Date(), budgetMs: 60_000 });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`backtest over ${last!.scanned} events: triggered ${last!.triggered}, passed ${last!.passed}; median of 5 runs ${times[2].toFixed(0)} ms (target 2,000 ms)`);
  console.log(JSON.stringify({ events: last!.scanned, backtest_median_ms: Math.round(times[2]), backtest_max_ms: Math.round(times[4]) }));
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
