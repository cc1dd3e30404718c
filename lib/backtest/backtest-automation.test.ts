import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations, events } from "@/db/schema";
import { automationInputSchema, type AutomationFormValues } from "@/lib/automations/schema";
import { CANONICAL, dealEvent, insertAutomation, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { TEST_DRIVERS } from "@/test/db";
import { backtestAutomation } from "./backtest-automation";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

const OVER_10K: AutomationFormValues = {
  ...CANONICAL,
  name: "Big negotiations",
  conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 10000 }] },
};

async function tally(db: Db) {
  const [e] = await db.select({ n: count() }).from(events);
  const [r] = await db.select({ n: count() }).from(automationRuns);
  const [a] = await db.select({ n: count() }).from(activities);
  return { events: e.n, runs: r.n, activities: a.n };
}

/** Sends events live (the canonical automation is off, so only the measured one runs). */
async function sendLive(world: World, bodies: unknown[]) {
  for (const body of bodies) {
    const { status } = await post(signedRequest(world.source.id, body, { secret: world.source.secret }));
    expect(status).toBe(200);
  }
}

const traffic = () => [
  dealEvent({ amount: 5_000 }),
  dealEvent({ amount: 20_000 }),
  dealEvent({ amount: 30_000, owner: "crm-b" }),
  dealEvent({ amount: 9_000, stage: "proposal", previousStage: "lead" }),
  dealEvent({ amount: 50_000, stage: "closed", previousStage: "negotiation" }),
  dealEvent({ amount: 1_000 }),
];

describe.each(TEST_DRIVERS)("backtesting a rule on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("reaches the live engine's verdicts on the same events, and writes nothing", async () => {
    const world = await makeWebhookWorld(db);
    await db.update(automations).set({ isActive: false }).where(eq(automations.id, world.automationId));
    const live = await insertAutomation(db, world.workspace.id, world.admin.id, OVER_10K);
    await sendLive(world, traffic());
    const runs = await db.select({ status: automationRuns.status }).from(automationRuns).where(eq(automationRuns.automationId, live));

    const before = await tally(db);
    const result = await backtestAutomation(db, { workspaceId: world.workspace.id, claims: world.admin.claims, input: automationInputSchema.parse(OVER_10K), days: 30, now: new Date() });
    expect(await tally(db)).toEqual(before);

    expect(result.scanned).toBe(6);
    expect(result.triggered).toBe(runs.length);
    expect(result.passed).toBe(runs.filter((r) => r.status !== "skipped").length);
    expect(result).toMatchObject({ triggered: 4, passed: 2, partial: false });
    expect(result.actions).toEqual([
      { type: "create_activity", count: 2, people: 2 },
      { type: "notify_user", count: 2, people: 2 },
    ]);
    expect(result.rejections).toEqual([{ condition: "Amount is greater than 10,000", rejected: 2, of: 4 }]);
    expect(result.matches).toHaveLength(4);
    expect(result.matches.every((m) => m.canOpen)).toBe(true);
  });

  it("counts the workspace's events for a member too, but links only the events they may open", async () => {
    const world = await makeWebhookWorld(db);
    await sendLive(world, traffic());
    const result = await backtestAutomation(db, { workspaceId: world.workspace.id, claims: world.memberB.claims, input: automationInputSchema.parse(OVER_10K), days: null, now: new Date() });
    expect(result.triggered).toBe(4);
    expect(result.matches.some((m) => m.canOpen)).toBe(false);
  });

  it("stops at its time budget with a partial answer that says so", async () => {
    const world = await makeWebhookWorld(db);
    await sendLive(world, traffic());
    const result = await backtestAutomation(db, { workspaceId: world.workspace.id, claims: world.admin.claims, input: automationInputSchema.parse(OVER_10K), days: 7, now: new Date(), budgetMs: 0, pageSize: 2 });
    expect(result).toMatchObject({ partial: true, scanned: 2 });
  });

  it("reads only the chosen window", async () => {
    const world = await makeWebhookWorld(db);
    await sendLive(world, traffic());
    const later = new Date(Date.now() + 8 * 86_400_000);
    const result = await backtestAutomation(db, { workspaceId: world.workspace.id, claims: world.admin.claims, input: automationInputSchema.parse(OVER_10K), days: 7, now: later });
    expect(result.scanned).toBe(0);
  });
});
