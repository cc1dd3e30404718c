// Two `next start` processes on one PostgreSQL database, 200 events posted to each, each event
// sending one webhook: every delivery reaches the receiver exactly once, whichever process's sender
// claims it (FOR UPDATE SKIP LOCKED and the lease). Runs from the production build that
// `npm run test:slow` makes first; PostgreSQL only (PGlite is one process's database).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { resultRows } from "@/db/rows";
import { outbox } from "@/db/schema";
import { createTestDb } from "@/test/db";
import { withDatabase } from "@/test/global-setup";
import { dealEvent, signedRequest } from "@/lib/webhooks/test-support";
import { worldWithActions } from "./test-support";
import { startHttpReceiver, type HttpReceiver } from "./test-receivers";

const PORTS = [3253, 3254];
const EVENTS_PER_PROCESS = 200;

function startServer(port: number, databaseUrl: string): ChildProcess {
  return spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "two-processes-secret-two-processes-secret",
      OUTBOUND_ALLOW_HOSTS: "127.0.0.1",
      OUTBOUND_ALLOW_HTTP: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
}

async function waitForHealth(port: number): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server on ${port} did not become healthy`);
}

/** Posts `count` signed events to one server, `concurrency` at a time; returns the entity ids sent. */
async function postEvents(port: number, world: Awaited<ReturnType<typeof worldWithActions>>, count: number, concurrency = 8): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const body = dealEvent();
      ids.push(body.entity.id);
      const request = signedRequest(world.source.id, body, { secret: world.source.secret });
      const response = await fetch(`http://127.0.0.1:${port}/api/webhooks/${world.source.id}`, { method: "POST", headers: request.headers, body: await request.text() });
      expect(response.status).toBe(200);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

describe.skipIf(!process.env.DATABASE_URL)("two app processes on one PostgreSQL", () => {
  let handle: DbHandle;
  let receiver: HttpReceiver;
  const servers: ChildProcess[] = [];

  beforeAll(async () => {
    handle = await createTestDb("postgres");
    receiver = await startHttpReceiver(() => ({ status: 200 }));
  });
  afterAll(async () => {
    for (const server of servers) server.kill("SIGTERM");
    await receiver?.close();
    await handle?.close();
  });

  it("delivers every webhook exactly once", async () => {
    const world = await worldWithActions(handle.db, [{ type: "send_webhook", config: { url: `${receiver.url}/hook`, headers: [] } }]);
    const [{ name }] = resultRows<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
    const url = withDatabase(process.env.DATABASE_URL!, name);
    for (const port of PORTS) servers.push(startServer(port, url));
    await Promise.all(PORTS.map(waitForHealth));

    const sent = (await Promise.all(PORTS.map((port) => postEvents(port, world, EVENTS_PER_PROCESS)))).flat();
    expect(new Set(sent).size).toBe(PORTS.length * EVENTS_PER_PROCESS);

    const deadline = Date.now() + 60_000;
    while (receiver.received.length < sent.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    // A little longer: a second delivery of anything would show up now.
    await new Promise((r) => setTimeout(r, 3000));

    const byEntity = new Map<string, number>();
    const byMessage = new Map<string, number>();
    for (const r of receiver.received) {
      const entity = (JSON.parse(r.body) as { event: { entity: { id: string } } }).event.entity.id;
      byEntity.set(entity, (byEntity.get(entity) ?? 0) + 1);
      const id = String(r.headers["webhook-id"]);
      byMessage.set(id, (byMessage.get(id) ?? 0) + 1);
    }
    expect(receiver.received).toHaveLength(sent.length);
    expect([...byEntity.keys()].sort()).toEqual([...sent].sort());
    expect([...byMessage.values()].every((n) => n === 1)).toBe(true);
    const unsent = await handle.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, "pending"));
    expect(unsent).toEqual([]);
  }, 240_000);
});
