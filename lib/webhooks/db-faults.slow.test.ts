// The webhook route when the database is starved of connections or a lock is held, under concurrent
// signed load (see db-faults.test.ts for outages): deliveries queue on the connections the app
// holds rather than fail, and a held lock costs at most the lock timeout before a 503.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import postgres from "postgres";
import { REQUEST_LOCK_TIMEOUT_MS } from "@/db/deadline";
import { withDatabase } from "@/test/global-setup";
import { setRouteDbForTests } from "./route-db";
import { captureConsole, driveLoad, expectDocumentedAnswers, expectDurable, makeFaultWorld, openFaultyDb, PAYLOAD_MARKER } from "@/test/fault-load";

const SENDERS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!process.env.DATABASE_URL)("webhooks when the database is starved or locked", () => {
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

  it("queues on the connections it holds when new ones are refused (53300)", async () => {
    const world = await makeFaultWorld(faulty.direct.db);
    const started = performance.now();
    let done = false;
    const load = driveLoad(world, SENDERS, () => done, started, "starved");
    await sleep(500);
    // The pool's connections were all opened at start (warm) and stay open: new ones are refused now.
    faulty.proxy.starve();
    await sleep(5_000);
    done = true;
    const answers = await load;
    faulty.proxy.resume();
    expectDocumentedAnswers(answers);
    const failed = answers.filter((a) => a.status !== 200);
    expect(failed).toEqual([]);
    await expectDurable(world, faulty.direct.db, answers);
    expect(log.text()).not.toContain(PAYLOAD_MARKER);
  }, 90_000);

  it("answers 503 after the lock timeout while another transaction holds a lock the event write needs", async () => {
    const world = await makeFaultWorld(faulty.direct.db);
    const holder = postgres(withDatabase(process.env.DATABASE_URL!, faulty.name), { max: 1, onnotice: () => {} });
    const started = performance.now();
    let done = false;
    const load = driveLoad(world, SENDERS, () => done, started, "locked");
    await sleep(500);
    // The source row locked for update: every event write's foreign-key check waits for it.
    const held = holder.begin(async (tx) => {
      await tx`select id from webhook_sources where id = ${world.source.id} for update`;
      await sleep(8_000);
    });
    await held;
    await sleep(2_000);
    done = true;
    const answers = await load;
    await holder.end();
    expectDocumentedAnswers(answers);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    // A request waits for a lock at most the lock timeout (plus its write's own time), never the whole 8 s.
    for (const a of refused) expect(a.ms).toBeLessThan(REQUEST_LOCK_TIMEOUT_MS + 2_500);
    expect(answers.filter((a) => a.status === 500)).toEqual([]);
    await expectDurable(world, faulty.direct.db, answers);
    expect(log.text()).not.toContain(PAYLOAD_MARKER);
  }, 90_000);
});
