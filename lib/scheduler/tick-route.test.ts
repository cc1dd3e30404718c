// POST /api/cron/tick through the real route handler: 401 and nothing done without the right
// secret (and always while CRON_SECRET is unset); with it, one sweep now and `{ due, runs }`.
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { resetEnvCache } from "@/lib/env";
import { TEST_DRIVERS } from "@/test/db";
import { makeWebhookWorld, useRouteTestDb } from "@/lib/webhooks/test-support";
import { POST } from "@/app/api/cron/tick/route";
import { countPastMark } from "./count-past-mark";
import { addTimeAutomation, DAY_MS, postEntityEvent, runsOf } from "./test-support";

const SECRET = "tick-secret-0123456789";

function tick(authorization?: string) {
  return POST(new Request("http://localhost/api/cron/tick", { method: "POST", headers: authorization ? { authorization } : {} }));
}

function setSecret(value: string | undefined) {
  if (value === undefined) delete process.env.CRON_SECRET;
  else process.env.CRON_SECRET = value;
  resetEnvCache();
}

describe.each(TEST_DRIVERS)("POST /api/cron/tick on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });
  afterEach(() => setSecret(undefined));

  it("answers 401 and runs nothing without the right secret, then sweeps once with it", async () => {
    const world = await makeWebhookWorld(db);
    const automationId = await addTimeAutomation(db, world, { type: "deal.inactive", days: 1, catchUp: true });
    await postEntityEvent(world, { dealId: "D-tick", occurredAt: new Date(Date.now() - 2 * DAY_MS) });
    expect(await countPastMark(db, { claims: world.admin.claims, workspaceId: world.workspace.id, trigger: { type: "deal.inactive", days: 1 }, now: new Date() })).toBe(1);

    setSecret(undefined);
    expect((await tick(`Bearer ${SECRET}`)).status).toBe(401);
    setSecret(SECRET);
    for (const header of [undefined, "", `Bearer ${SECRET}x`, `Bearer ${SECRET.slice(0, -1)}`, SECRET, `Basic ${SECRET}`]) {
      const response = await tick(header);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: "Unauthorized" });
    }
    expect(await runsOf(db, automationId)).toEqual([]);

    const response = await tick(`Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { due: number; runs: number };
    // Other suites' workspaces share nothing with this one: at least this deal was due and ran.
    expect(body.due).toBeGreaterThanOrEqual(1);
    expect(body.runs).toBeGreaterThanOrEqual(1);
    expect(await runsOf(db, automationId)).toHaveLength(1);
    expect(await tick(`Bearer ${SECRET}`).then((r) => r.json())).toMatchObject({ runs: 0 });
  });

  it("counts past the mark only in the user's own workspace, and only for time-based triggers", async () => {
    const world = await makeWebhookWorld(db);
    await postEntityEvent(world, { dealId: "D-count", occurredAt: new Date(Date.now() - 10 * DAY_MS) });
    const now = new Date();
    const trigger = { type: "deal.inactive", days: 7 };
    expect(await countPastMark(db, { claims: world.memberA.claims, workspaceId: world.workspace.id, trigger, now })).toBe(1);
    expect(await countPastMark(db, { claims: world.outsider.claims, workspaceId: world.workspace.id, trigger, now })).toBe(0);
    expect(await countPastMark(db, { claims: world.memberA.claims, workspaceId: world.workspace.id, trigger: { type: "deal.inactive", days: 11 }, now })).toBe(0);
    expect(await countPastMark(db, { claims: world.memberA.claims, workspaceId: world.workspace.id, trigger: { type: "deal.created" }, now })).toBeNull();
    expect(await countPastMark(db, { claims: world.memberA.claims, workspaceId: world.workspace.id, trigger: { type: "deal.inactive", days: 0 }, now })).toBeNull();
  });
});
