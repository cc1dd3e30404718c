// A sender that dies between claiming a row and sending it: the row stays claimed until its lease
// ends, then another sender claims it and sends it with the same webhook-id; nothing is lost. On
// PostgreSQL the dead sender is a real process killed with SIGKILL; PGlite (one process) plays the
// claim in-process and never sends.
import { spawn } from "node:child_process";
import { once } from "node:events";
import readline from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import { outbox } from "@/db/schema";
import { TEST_DRIVERS, type TestDriver } from "@/test/db";
import { withDatabase } from "@/test/global-setup";
import { useRouteTestDb } from "@/lib/webhooks/test-support";
import { claimDue } from "./claim-due";
import { dispatchDue } from "./dispatch-due";
import { testSender, triggerRun, worldWithActions } from "./test-support";
import { startHttpReceiver } from "./test-receivers";

const LEASE_MS = 1500;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** Claims in a child process that is SIGKILLed right after; returns the ids it had claimed. */
async function claimInDoomedProcess(db: Db): Promise<number[]> {
  const [{ name }] = resultRows<{ name: string }>(await db.execute(sql`select current_database() as name`));
  const child = spawn(process.execPath, ["--import", "tsx", "test/outbox-claim-and-hang.ts", withDatabase(process.env.DATABASE_URL!, name), String(LEASE_MS)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(readline.createInterface({ input: child.stdout! }), "line")) as [string];
  child.kill("SIGKILL");
  await once(child, "exit");
  return JSON.parse(line) as number[];
}

async function claimAndDie(db: Db, driver: TestDriver): Promise<number[]> {
  if (driver === "postgres") return claimInDoomedProcess(db);
  const rows = await claimDue(db, { now: new Date(), leaseMs: LEASE_MS, limit: 100, worker: "doomed" });
  return rows.map((row) => row.id);
}

describe.each(TEST_DRIVERS)("a sender that dies after claiming, on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("leaves the row to be claimed again after the lease and sent once, same webhook-id", async () => {
    const receiver = await startHttpReceiver(() => ({ status: 200 }));
    const sender = testSender({ worker: "survivor" });
    closers.push(receiver.close, sender.close);
    const world = await worldWithActions(db, [{ type: "send_webhook", config: { url: `${receiver.url}/hook`, headers: [] } }]);
    const { outboxId, messageId } = await triggerRun(db, world);

    const claimed = await claimAndDie(db, driver);
    expect(claimed).toContain(outboxId);
    const [held] = await db.select({ status: outbox.status, lockedBy: outbox.lockedBy }).from(outbox).where(eq(outbox.id, outboxId!));
    expect(held).toEqual({ status: "sending", lockedBy: "doomed" });

    // Within the lease nobody else takes it.
    sender.clock.now = Date.now();
    await dispatchDue(db, sender.deps);
    expect(receiver.received).toHaveLength(0);

    // After it, the survivor does.
    sender.clock.now = Date.now() + LEASE_MS + 1000;
    await dispatchDue(db, sender.deps);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].headers["webhook-id"]).toBe(messageId);
    const [row] = await db.select({ status: outbox.status, attempts: outbox.attempts }).from(outbox).where(eq(outbox.id, outboxId!));
    expect(row).toEqual({ status: "sent", attempts: 2 });

    // And never again.
    sender.clock.now += 24 * 3600_000;
    await dispatchDue(db, sender.deps);
    expect(receiver.received).toHaveLength(1);
  }, 30_000);
});
