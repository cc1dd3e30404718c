// The load and the checks of the database-fault tests (lib/webhooks/db-faults*.test.ts): signed
// deliveries from a bounded set of concurrent senders through the webhook route, health probes, a
// captured console, and the durability checks made after every id has been redelivered.
import { format } from "node:util";
import { inArray, eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, vi } from "vitest";
import postgres from "postgres";
import { createDb, type Db, type DbHandle } from "@/db/client";
import { REQUEST_DEADLINE_MS } from "@/db/deadline";
import { activities, automationRuns, events } from "@/db/schema";
import { checkHealth } from "@/lib/health/check-health";
import { clearSourceCache } from "@/lib/webhooks/load-source";
import { dealEvent, makeWebhookWorld, signedRequest } from "@/lib/webhooks/test-support";
import { FaultProxy } from "./fault-proxy";
import { withDatabase } from "./global-setup";

export type Answer = { id: string; status: number; body: Record<string, unknown>; retryAfter: string | null; ms: number; at: number };

/** A value that appears in every payload, and so must never appear in a log line. */
export const PAYLOAD_MARKER = `payload-marker-${Math.random().toString(36).slice(2, 10)}`;

/** Every console line of a test, formatted as Node would print it. */
export function captureConsole(): { text: () => string } {
  const lines: string[] = [];
  beforeEach(() => {
    for (const level of ["error", "warn", "log", "info"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(format(...args)));
    }
  });
  afterEach(() => vi.restoreAllMocks());
  return { text: () => lines.join("\n") };
}

/**
 * A fresh database cloned from the test template, reached through a fault proxy: `direct` for
 * setup and checks, `proxied` for the route (its pool warmed, as the app's own is).
 */
export async function openFaultyDb(template: string, maxConnections = 5) {
  const serverUrl = process.env.DATABASE_URL!;
  const target = new URL(serverUrl);
  const proxy = await FaultProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
  const name = `crm_fault_${process.pid}_${Date.now()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  const direct = await createDb({ databaseUrl: withDatabase(serverUrl, name), migrate: false, maxConnections: 3 });
  const proxied = await createDb({ databaseUrl: proxy.url(withDatabase(serverUrl, name)), migrate: false, maxConnections, warm: true });
  return {
    name,
    proxy,
    direct,
    proxied,
    admin,
    close: async () => {
      await proxied.close().catch(() => {});
      await direct.close();
      await proxy.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

export async function makeFaultWorld(db: Db): Promise<World> {
  clearSourceCache();
  return makeWebhookWorld(db);
}

/** One signed delivery of `id` (its body derived from the id, so a redelivery is byte-identical). */
export async function deliver(world: World, id: string, started: number): Promise<Answer> {
  const body = { ...dealEvent({ owner: "crm-a", title: `${PAYLOAD_MARKER} ${id}` }), entity: { type: "deal", id, data: { title: `${PAYLOAD_MARKER} ${id}`, stage: "negotiation", amount: 12000, currency: "EUR", status: "open", owner_id: "crm-a" } } };
  const t0 = performance.now();
  const request = signedRequest(world.source.id, body, { secret: world.source.secret, id });
  const { status, body: answer, headers } = await postWithHeaders(request);
  return { id, status, body: answer, retryAfter: headers.get("retry-after"), ms: performance.now() - t0, at: performance.now() - started };
}

async function postWithHeaders(request: Request) {
  const { POST } = await import("@/app/api/webhooks/route");
  const response = await POST(request);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** `senders` concurrent senders, each delivering new ids until `stop()` says so; every answer kept. */
export async function driveLoad(world: World, senders: number, stop: () => boolean, started: number, prefix: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  let sequence = 0;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (!stop()) {
        const answer = await deliver(world, `${prefix}-${sequence++}`, started);
        answers.push(answer);
        // A sender told to come back later pauses a little (not Retry-After's 5 s: the test is short).
        if (answer.status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
    }),
  );
  return answers;
}

/** Health probes every 200 ms until `stop()`; each with when it was answered. */
export async function probeHealth(handle: DbHandle, stop: () => boolean, started: number) {
  const probes: { at: number; status: string; ms: number }[] = [];
  while (!stop()) {
    const t0 = performance.now();
    const report = await checkHealth(() => Promise.resolve(handle), "postgres");
    probes.push({ at: performance.now() - started, status: report.status, ms: performance.now() - t0 });
    await new Promise((r) => setTimeout(r, 200));
  }
  return probes;
}

/** Every answer is the documented JSON, within the deadline (and a little scheduling slack). */
export function expectDocumentedAnswers(answers: Answer[]): void {
  const late = answers.filter((a) => a.ms > REQUEST_DEADLINE_MS + 1_500).map((a) => ({ id: a.id, status: a.status, ms: Math.round(a.ms) }));
  expect(late).toEqual([]);
  const undocumented = answers.filter((a) => ![200, 500, 503].includes(a.status)).map((a) => ({ id: a.id, status: a.status, body: a.body }));
  expect(undocumented).toEqual([]);
  for (const a of answers) {
    if (a.status === 200) expect(typeof a.body.eventId).toBe("string");
    else if (a.status === 503) {
      expect(a.body).toMatchObject({ code: "unavailable" });
      expect(a.body.error).toMatch(/may have been recorded.*same webhook-id is safe/);
      expect(a.retryAfter).toBe("5");
    } else {
      expect(a.body).toMatchObject({ code: "internal" });
    }
  }
}

/**
 * After the fault: every id delivered again until it is answered 200. Then no acknowledged event
 * is missing, and every event has exactly one run and one follow-up activity.
 */
export async function expectDurable(world: World, direct: Db, answers: Answer[]): Promise<void> {
  const ids = [...new Set(answers.map((a) => a.id))];
  const acknowledged = new Set(answers.filter((a) => a.status === 200).map((a) => a.id));
  for (let i = 0; i < ids.length; i += 10) {
    await Promise.all(
      ids.slice(i, i + 10).map(async (id) => {
        const again = await deliver(world, id, 0);
        expect({ id, status: again.status, body: again.body }).toMatchObject({ id, status: 200 });
        if (acknowledged.has(id)) expect(again.body.duplicate).toBe(true);
      }),
    );
  }
  const rows = await direct.select({ id: events.id, externalId: events.externalId }).from(events).where(eq(events.sourceId, world.source.id));
  expect(rows.map((r) => r.externalId).sort()).toEqual(ids.sort());
  const eventIds = rows.map((r) => r.id);
  const runs = await direct.select({ id: automationRuns.id, eventId: automationRuns.eventId }).from(automationRuns).where(inArray(automationRuns.eventId, eventIds));
  expect(runs).toHaveLength(eventIds.length);
  const follow = await direct.select({ runId: activities.runId }).from(activities).where(inArray(activities.runId, runs.map((r) => r.id)));
  expect(follow).toHaveLength(eventIds.length);
}
