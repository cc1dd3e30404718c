// POST /api/cron/dispatch: the secret, compared as a bearer token, and the summary of one round.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { resetOutboxSender } from "@/lib/outbox/sender";
import { startHttpReceiver, type HttpReceiver } from "@/lib/outbox/test-receivers";
import { triggerRun, worldWithActions } from "@/lib/outbox/test-support";
import { useRouteTestDb } from "@/lib/webhooks/test-support";
import { TEST_DRIVERS } from "@/test/db";
import { POST } from "./route";

const SECRET = "cron-secret-of-sufficient-length";

function call(authorization?: string) {
  return POST(new Request("http://localhost/api/cron/dispatch", { method: "POST", headers: authorization ? { authorization } : {} }));
}

describe.each(TEST_DRIVERS)("POST /api/cron/dispatch on %s", (driver) => {
  let db: Db;
  let receiver: HttpReceiver;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });
  beforeAll(async () => {
    receiver = await startHttpReceiver(() => ({ status: 200 }));
    process.env.OUTBOUND_ALLOW_HOSTS = "127.0.0.1";
  });
  afterEach(() => {
    delete process.env.CRON_SECRET;
    resetEnvCache();
    resetOutboxSender();
  });
  afterAll(async () => {
    delete process.env.OUTBOUND_ALLOW_HOSTS;
    await receiver.close();
  });

  it("answers 401 and sends nothing while CRON_SECRET is unset, whatever is sent", async () => {
    resetEnvCache();
    const world = await worldWithActions(db, [{ type: "send_webhook", config: { url: `${receiver.url}/a`, headers: [] } }]);
    const { outboxId } = await triggerRun(db, world);
    for (const header of [undefined, "Bearer ", "Bearer undefined", `Bearer ${SECRET}`]) {
      expect((await call(header)).status).toBe(401);
    }
    const [row] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, outboxId!));
    expect(row.status).toBe("pending");
  });

  it("answers 401 to a wrong or malformed secret", async () => {
    process.env.CRON_SECRET = SECRET;
    resetEnvCache();
    for (const header of [undefined, SECRET, `Basic ${SECRET}`, `Bearer ${SECRET}x`, `Bearer ${SECRET.slice(0, -1)}`, "Bearer "]) {
      const response = await call(header);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: "Unauthorized", code: "unauthenticated" });
    }
  });

  it("sends what is due and answers the summary", async () => {
    process.env.CRON_SECRET = SECRET;
    resetEnvCache();
    const world = await worldWithActions(db, [{ type: "send_webhook", config: { url: `${receiver.url}/b`, headers: [] } }]);
    const { outboxId } = await triggerRun(db, world);
    const response = await call(`Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as Record<string, number>;
    expect(summary.claimed).toBeGreaterThanOrEqual(1);
    expect(summary).toMatchObject({ retrying: 0, failed: 0 });
    expect(summary.sent).toBeGreaterThanOrEqual(1);
    const [row] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, outboxId!));
    expect(row.status).toBe("sent");
    expect(receiver.received.map((r) => r.path)).toContain("/b");
  });
});
