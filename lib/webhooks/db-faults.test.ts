// The webhook route under database faults, through a TCP proxy in front of the shared server (never
// restarted: other tests use it) and with the server's own errors from pg_terminate_backend, each
// under concurrent signed load. Every answer is the documented JSON within the deadline, health
// tells the truth within 2 s, no acknowledged event is lost, every event has exactly one effect
// after all ids were redelivered, and no payload value reaches the log.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { webhookSources } from "@/db/schema";
import { logUnexpected } from "@/lib/auth/pg-error";
import { setRouteDbForTests } from "./route-db";
import {
  captureConsole,
  driveLoad,
  expectDocumentedAnswers,
  expectDurable,
  makeFaultWorld,
  openFaultyDb,
  PAYLOAD_MARKER,
  probeHealth,
  type World,
} from "@/test/fault-load";

const SENDERS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!process.env.DATABASE_URL)("webhooks when the database fails", () => {
  let faulty: Awaited<ReturnType<typeof openFaultyDb>>;
  const log = captureConsole();

  beforeAll(async () => {
    faulty = await openFaultyDb(inject("postgresTemplate"));
    setRouteDbForTests(faulty.proxied);
  });
  afterAll(async () => {
    setRouteDbForTests(undefined);
    await faulty?.close();
  });

  /** Load with health probes; `fault` runs beside them and says when the load may stop. */
  async function underLoad(world: World, prefix: string, fault: (started: number) => Promise<void>) {
    const started = performance.now();
    let done = false;
    const load = driveLoad(world, SENDERS, () => done, started, prefix);
    const health = probeHealth(faulty.proxied, () => done, started);
    await fault(started).finally(() => (done = true));
    return { answers: await load, probes: await health };
  }

  /** `fault` for 4–6 s under load, then `resume`: 503s meanwhile, health turns and returns within 2 s. */
  async function expectOutage(prefix: string, fault: () => void, faultMs: number) {
    const world = await makeFaultWorld(faulty.direct.db);
    let faultAt = 0;
    let resumedAt = 0;
    const { answers, probes } = await underLoad(world, prefix, async (started) => {
      await sleep(1_000);
      fault();
      faultAt = performance.now() - started;
      await sleep(faultMs);
      faulty.proxy.resume();
      resumedAt = performance.now() - started;
      await sleep(3_000);
    });
    expect(answers.some((a) => a.status === 503)).toBe(true);
    expectDocumentedAnswers(answers);
    for (const p of probes) expect(p.ms).toBeLessThan(2_000);
    const down = probes.find((p) => p.at > faultAt && p.status === "unavailable");
    expect(down && down.at - faultAt).toBeLessThan(2_000);
    const up = probes.find((p) => p.at > resumedAt && p.status === "ok");
    expect(up && up.at - resumedAt).toBeLessThan(2_000);
    await expectDurable(world, faulty.direct.db, answers);
    expect(log.text()).not.toContain(PAYLOAD_MARKER);
  }

  it("answers 503 fast while the network to the database is a black hole, and health follows within 2 s", async () => {
    expect.hasAssertions();
    await expectOutage("pause", () => faulty.proxy.pause(), 6_000);
  }, 90_000);

  it("answers 503 while every connection is reset and refused, and recovers within 2 s", async () => {
    expect.hasAssertions();
    await expectOutage("cut", () => faulty.proxy.cut(), 4_000);
  }, 90_000);

  it("retries on a fresh connection when the server terminates the app's connections (57P01)", async () => {
    const world = await makeFaultWorld(faulty.direct.db);
    const { answers } = await underLoad(world, "terminate", async () => {
      for (let i = 0; i < 4; i++) {
        await sleep(700);
        await faulty.admin`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = ${faulty.name} and application_name = 'crm-automations' and pid <> pg_backend_pid()`;
      }
      await sleep(1_500);
    });
    expectDocumentedAnswers(answers);
    // The terminated connections' statements were retried: nothing came back as our own failure.
    expect(answers.filter((a) => a.status === 500)).toEqual([]);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(answers.length * 0.9);
    await expectDurable(world, faulty.direct.db, answers);
    expect(log.text()).not.toContain(PAYLOAD_MARKER);
  }, 90_000);

  it("prints no query value for a connection error, whoever prints it", async () => {
    const world = await makeFaultWorld(faulty.direct.db);
    faulty.proxy.pause();
    const pending = faulty.proxied.db
      .insert(webhookSources)
      .values({ workspaceId: world.workspace.id, name: PAYLOAD_MARKER, format: "native", secret: PAYLOAD_MARKER })
      .then(() => undefined, (e: unknown) => e);
    await sleep(200);
    faulty.proxy.cut();
    const error = await pending;
    faulty.proxy.resume();
    expect(String((error as Error).cause ?? error)).toMatch(/ECONNRESET|CONNECTION_CLOSED/);
    console.error(error);
    console.error("context", error);
    logUnexpected("context", error);
    expect(log.text()).toMatch(/ECONNRESET|CONNECTION_CLOSED/);
    expect(log.text()).not.toContain(PAYLOAD_MARKER);
    expect(inspect(error, { depth: 10 })).not.toContain(PAYLOAD_MARKER);
  });
});
