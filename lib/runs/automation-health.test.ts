import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { getAutomationHealth, windowDays } from "./automation-health";
import { insertEvent, insertRun, makeHistoryWorld, type HistoryWorld } from "./history-test-support";

const NOW = new Date("2026-12-04T12:00:00Z");

describe("the health window's days", () => {
  it("are the calendar days of the time zone, oldest first", () => {
    expect(windowDays(NOW, 3, "UTC")).toEqual(["2026-12-02", "2026-12-03", "2026-12-04"]);
    expect(windowDays(new Date("2026-12-04T23:30:00Z"), 2, "Europe/Berlin")).toEqual(["2026-12-04", "2026-12-05"]);
  });
});

describe.each(TEST_DRIVERS)("automation health on %s", (driver) => {
  let handle: DbHandle;
  let world: HistoryWorld;

  beforeAll(async () => {
    handle = await createTestDb(driver);
    world = await makeHistoryWorld(handle.db);
    const ws = world.workspace.id;
    const run = async (status: "succeeded" | "failed" | "skipped" | "stopped", createdAt: string) => {
      const eventId = await insertEvent(handle.db, { workspaceId: ws, sourceId: world.source.id });
      await insertRun(handle.db, { workspaceId: ws, automationId: world.autoA, ownerId: world.memberA.id, eventId, status, createdAt: new Date(createdAt) });
    };
    await run("succeeded", "2026-12-01T10:00:00Z");
    await run("succeeded", "2026-12-01T11:00:00Z");
    await run("failed", "2026-12-01T23:30:00Z");
    await run("skipped", "2026-12-03T09:00:00Z");
    await run("stopped", "2026-12-04T08:00:00Z");
    await run("succeeded", "2026-10-01T08:00:00Z"); // outside the window
  });
  afterAll(async () => handle?.close());

  it("counts runs per day by outcome, with the failure rate over finished runs and the median duration", async () => {
    const health = await getAutomationHealth(handle.db, world.memberA.claims, { workspaceId: world.workspace.id, automationId: world.autoA, now: NOW });
    expect(health.days).toHaveLength(30);
    const day = (d: string) => health.days.find((x) => x.day === d);
    expect(day("2026-12-01")).toEqual({ day: "2026-12-01", succeeded: 2, skipped: 0, failed: 1, stopped: 0, missed: 0 });
    expect(day("2026-12-03")).toMatchObject({ skipped: 1 });
    expect(day("2026-12-04")).toMatchObject({ stopped: 1 });
    expect(health.total).toBe(5);
    expect(health.failureRate).toBeCloseTo(1 / 4);
    expect(Math.abs(health.medianDurationMs! / 0.42 - 1)).toBeLessThan(0.09); // a histogram's median: within one bucket
  });

  it("puts a run on its day in the workspace's time zone", async () => {
    const health = await getAutomationHealth(handle.db, world.memberA.claims, { workspaceId: world.workspace.id, automationId: world.autoA, now: NOW, timeZone: "Europe/Berlin" });
    expect(health.days.find((d) => d.day === "2026-12-02")).toMatchObject({ failed: 1 });
  });

  it("shows nothing to a member who may not see the automation's runs", async () => {
    const health = await getAutomationHealth(handle.db, world.memberB.claims, { workspaceId: world.workspace.id, automationId: world.autoA, now: NOW });
    expect(health.total).toBe(0);
    expect(health.failureRate).toBeNull();
  });
});
