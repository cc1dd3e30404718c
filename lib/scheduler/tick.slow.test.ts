// Two `next start` processes on one PostgreSQL database, sweeps driven concurrently through
// POST /api/cron/tick on both (and each process's own scheduler every second besides): every due
// run exists exactly once, with one follow-up each. Needs DATABASE_URL and the production build
// that `npm run test:slow` makes first.
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { and, count, countDistinct, eq, sql } from "drizzle-orm";
import { createDb, type DbHandle } from "@/db/client";
import { activities, automationRuns, events } from "@/db/schema";
import { insertAutomation, insertSource } from "@/lib/webhooks/test-support";
import { makeTeam } from "@/test/fixtures";
import { withDatabase } from "@/test/global-setup";
import { timeAutomation, DAY_MS } from "./test-support";

const SERVER_URL = process.env.DATABASE_URL;
const PORTS = [3264, 3265];
const SECRET = "slow-tick-secret-0123456789";
const DEALS = 300;

function startServer(port: number, databaseUrl: string): ChildProcess {
  return spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CRON_SECRET: SECRET,
      SCHEDULER_INTERVAL_MS: "1000",
      AUTH_SECRET: "slow-tick-auth-secret-slow-tick-auth-secret",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
  });
}

async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start on ${port} did not answer /api/health within 60 s`);
}

describe.skipIf(!SERVER_URL)("sweeps on two processes at once", () => {
  const name = `crm_slow_tick_${process.pid}_${Date.now()}`;
  let handle: DbHandle;
  const servers: ChildProcess[] = [];

  beforeAll(async () => {
    const admin = postgres(SERVER_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    handle = await createDb({ databaseUrl: withDatabase(SERVER_URL!, name), maxConnections: 3 });
    for (const port of PORTS) servers.push(startServer(port, withDatabase(SERVER_URL!, name)));
    await Promise.all(PORTS.map(waitForHealth));
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) server.kill("SIGTERM");
    await handle?.close();
    const admin = postgres(SERVER_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it("records each due run exactly once", async () => {
    const db = handle.db;
    const team = await makeTeam(db);
    await insertSource(db, team.workspace.id);
    const automationId = await insertAutomation(db, team.workspace.id, team.admin.id, timeAutomation({ type: "deal.inactive", days: 7, catchUp: true }));
    // Deals the CRM last reported 8 days ago, owned by a member.
    const at = new Date(Date.now() - 8 * DAY_MS).toISOString();
    await db.execute(sql`
      insert into public.entity_snapshots (workspace_id, entity_type, entity_id, data, last_occurred_at, last_activity_at, open, updated_at)
      select ${team.workspace.id}::uuid, 'deal', 'D-' || i, jsonb_build_object('title', 'Deal ' || i, 'status', 'open', 'owner_id', 'crm-a'),
        ${at}::timestamptz, ${at}::timestamptz, true, now()
      from generate_series(1, ${DEALS}::int) as i`);

    const ticks = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fetch(`http://127.0.0.1:${PORTS[i % PORTS.length]}/api/cron/tick`, { method: "POST", headers: { authorization: `Bearer ${SECRET}` } }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { due: number; runs: number },
        })),
      ),
    );
    for (const tick of ticks) expect(tick.status).toBe(200);
    expect(ticks.reduce((sum, tick) => sum + tick.body.runs, 0)).toBeLessThanOrEqual(DEALS);

    const [runs] = await db
      .select({ all: count(), entities: countDistinct(automationRuns.entityId) })
      .from(automationRuns)
      .where(eq(automationRuns.automationId, automationId));
    expect(runs).toEqual({ all: DEALS, entities: DEALS });
    const [followUps] = await db.select({ n: count() }).from(activities).where(eq(activities.automationId, automationId));
    expect(followUps.n).toBe(DEALS);
    const [internal] = await db.select({ n: count() }).from(events).where(and(eq(events.workspaceId, team.workspace.id), eq(events.origin, "schedule")));
    expect(internal.n).toBe(DEALS);
  }, 120_000);
});
