// npx tsx bench/graphql-list.ts: myWorkflowAutomations for a user with 1,000 automations, on
// PostgreSQL (DATABASE_URL required). Creates its own database, seeds 1,000 automations with a run
// each, then times the GraphQL request in process (Yoga's handler: auth, parse, validate, resolvers,
// serialisation) with and without `runs`, and counts the SQL statements per request to show the
// runs are batched (no N+1). Prints one line per case and one JSON object last; drops the database.
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migratePostgres } from "@/db/migrate";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { createApiServer } from "@/lib/graphql/yoga";
import { createUser, createWorkspace } from "@/lib/workspaces/create-account";
import { withDatabase } from "@/test/global-setup";

const AUTOMATIONS = Number(process.env.BENCH_GRAPHQL_AUTOMATIONS ?? 1000);
const ITERATIONS = Number(process.env.BENCH_GRAPHQL_ITERATIONS ?? 40);
const PLAN_FIELDS = "id name isActive trigger condition action createdAt updatedAt";

async function seed(db: Db) {
  const user = await createUser(db, { email: `graphql-bench-${Date.now()}@bench.test`, passwordHash: null });
  const workspace = await createWorkspace(db, { name: "Bench", adminId: user.id });
  const [source] = await db.insert(schema.webhookSources).values({ workspaceId: workspace.id, name: "bench", secret: "whsec_bench" }).returning({ id: schema.webhookSources.id });
  const trigger = { type: "deal.stage_changed", to: "negotiation" };
  const conditions = { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 1000 }] };
  const actions = [{ type: "create_activity", config: { subject: "Follow up", activityType: "task", dueInDays: 2, assignee: { kind: "deal_owner" } } }];
  const ids: string[] = [];
  for (let start = 0; start < AUTOMATIONS; start += 500) {
    const rows = Array.from({ length: Math.min(500, AUTOMATIONS - start) }, (_, i) => ({
      workspaceId: workspace.id,
      ownerId: user.id,
      name: `Automation ${start + i}`,
      trigger,
      triggerType: trigger.type,
      conditions,
      actions,
    }));
    ids.push(...(await db.insert(schema.automations).values(rows).returning({ id: schema.automations.id })).map((r) => r.id));
  }
  const events = await db
    .insert(schema.events)
    .values(ids.map((_, i) => ({ workspaceId: workspace.id, sourceId: source.id, externalId: `e${i}`, type: "deal.updated", entityType: "deal", entityId: `D-${i}`, payload: {} })))
    .returning({ id: schema.events.id });
  await db.insert(schema.automationRuns).values(
    ids.map((automationId, i) => ({
      workspaceId: workspace.id,
      automationId,
      automationOwnerId: user.id,
      automationVersion: 1,
      eventId: events[i].id,
      eventType: "deal.updated",
      entityId: `D-${i}`,
      status: "succeeded" as const,
      trace: { trigger: { matched: true, reason: "stage changed" }, conditions: { kind: "group", result: true }, templates: { missing: [] } },
    })),
  );
  const claims = { sub: user.id, email: user.email, role: "authenticated" as const };
  return (await createApiToken(db, { claims, workspaceId: workspace.id, name: "bench" })).token;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("DATABASE_URL is required (a PostgreSQL server the bench may create a database on)");
  const name = `crm_bench_graphql_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(serverUrl, name);
  let statements = 0;
  const client = postgres(url, { max: 4, onnotice: () => {}, connection: { jit: "off" } });
  try {
    await migratePostgres(url);
    const db = drizzle(client, { schema, logger: { logQuery: () => void statements++ } }) as unknown as Db;
    const token = await seed(db);
    const server = createApiServer({ db: async () => db, introspection: false });
    const cases = {
      plan_fields: `{ myWorkflowAutomations { ${PLAN_FIELDS} } }`,
      with_runs: `{ myWorkflowAutomations { ${PLAN_FIELDS} version consecutiveFailures runs(first: 5) { nodes { id status createdAt } pageInfo { hasNextPage } } } }`,
    };
    const figures: Record<string, number> = { automations: AUTOMATIONS };
    for (const [label, query] of Object.entries(cases)) {
      const timings: number[] = [];
      let perRequest = 0;
      for (let i = 0; i < ITERATIONS + 5; i++) {
        const before = statements;
        const started = performance.now();
        const response = await server.fetch("http://bench/api/graphql", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { data?: { myWorkflowAutomations: unknown[] }; errors?: unknown };
        const elapsed = performance.now() - started;
        if (!body.data || body.data.myWorkflowAutomations.length !== AUTOMATIONS) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
        if (i >= 5) timings.push(elapsed);
        perRequest = statements - before;
      }
      timings.sort((a, b) => a - b);
      const p50 = percentile(timings, 50);
      const p95 = percentile(timings, 95);
      console.log(`${label}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${timings[timings.length - 1].toFixed(1)} ms, ${perRequest} SQL statements per request`);
      figures[`${label}_p50_ms`] = Number(p50.toFixed(1));
      figures[`${label}_p95_ms`] = Number(p95.toFixed(1));
      figures[`${label}_statements`] = perRequest;
    }
    console.log(JSON.stringify(figures));
  } finally {
    await client.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
