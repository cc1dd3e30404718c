// "Nothing missed while off" (issue 26 section 1): a switched-off automation records a `missed` run
// for each event that would have triggered it (trigger check only, for 7 days after it was switched
// off); once reactivated, running it for them turns each missed row into the real run, once.
// Through the real route, on both drivers.
import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, automations, runActions } from "@/db/schema";
import { setAutomationActive } from "@/lib/automations/set-automation-active";
import { AppError } from "@/lib/result";
import { TEST_DRIVERS } from "@/test/db";
import { dealEvent, makeWebhookWorld, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { countMissedRuns, runMissedEvents } from "./missed-runs";

type World = Awaited<ReturnType<typeof makeWebhookWorld>>;

const send = async (world: World, body: unknown) => (await post(signedRequest(world.source.id, body, { secret: world.source.secret }))).body;

const scope = (world: World) => ({ claims: world.admin.claims, workspaceId: world.workspace.id, id: world.automationId });

describe.each(TEST_DRIVERS)("missed runs on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  const statuses = async (world: World) =>
    (await db.select({ status: automationRuns.status }).from(automationRuns).where(eq(automationRuns.automationId, world.automationId))).map((r) => r.status).sort();

  it("records what a switched-off automation missed, counts it, and runs it for them once reactivated, exactly once", async () => {
    const world = await makeWebhookWorld(db);
    await setAutomationActive(db, { ...scope(world), isActive: false });
    for (let i = 0; i < 3; i++) expect((await send(world, dealEvent())).runs).toMatchObject([{ status: "missed" }]);
    // Not its trigger (another stage): nothing recorded.
    expect((await send(world, dealEvent({ stage: "proposal", previousStage: "lead" }))).runs).toEqual([]);
    expect(await statuses(world)).toEqual(["missed", "missed", "missed"]);
    expect(await db.select().from(activities).where(eq(activities.automationId, world.automationId))).toEqual([]);
    const who = { workspaceId: world.workspace.id, automationId: world.automationId };
    expect(await countMissedRuns(db, world.admin.claims, who)).toBe(3);
    // Not while it is off; and another member cannot see it at all.
    await expect(runMissedEvents(db, world.admin.claims, { ...who, now: new Date() })).rejects.toBeInstanceOf(AppError);
    await expect(countMissedRuns(db, world.memberB.claims, who)).rejects.toMatchObject({ code: "not_found" });

    await setAutomationActive(db, { ...scope(world), isActive: true });
    expect(await runMissedEvents(db, world.admin.claims, { ...who, now: new Date() })).toEqual({ ran: 3, succeeded: 3, skipped: 0, failed: 0 });
    expect(await statuses(world)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(await db.select().from(activities).where(eq(activities.automationId, world.automationId))).toHaveLength(3);
    const actions = await db.select({ status: runActions.status }).from(runActions).innerJoin(automationRuns, eq(automationRuns.id, runActions.runId)).where(eq(automationRuns.automationId, world.automationId));
    expect(actions).toHaveLength(6);
    // Idempotent: a second click finds nothing missed.
    expect(await runMissedEvents(db, world.admin.claims, { ...who, now: new Date() })).toEqual({ ran: 0, succeeded: 0, skipped: 0, failed: 0 });
    expect(await countMissedRuns(db, world.admin.claims, who)).toBe(0);
  });

  it("forgets an automation switched off more than 7 days ago, and a deleted one", async () => {
    const world = await makeWebhookWorld(db);
    await setAutomationActive(db, { ...scope(world), isActive: false });
    await db.update(automations).set({ deactivatedAt: sql`now() - interval '8 days'` }).where(eq(automations.id, world.automationId));
    expect((await send(world, dealEvent())).runs).toEqual([]);
    await db.update(automations).set({ deactivatedAt: sql`now()`, deletedAt: sql`now()` }).where(and(eq(automations.id, world.automationId)));
    expect((await send(world, dealEvent())).runs).toEqual([]);
  });
});
