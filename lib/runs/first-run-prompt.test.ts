// What an empty run list offers, by who reads it and what the workspace has: the sample event's
// reach is the engine's own verdict; the source is read as the user (row-level security).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { webhookSources } from "@/db/schema";
import type { EngineAutomation } from "@/lib/engine/compile-automation";
import { CANONICAL, insertSource } from "@/lib/webhooks/test-support";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { loadFirstRunPrompt } from "./first-run-prompt";
import { sampleEventRuns } from "./sample-event-runs";

const NOW = new Date("2026-12-01T12:00:00Z");

function automation(overrides: Partial<EngineAutomation> = {}): EngineAutomation {
  return { id: crypto.randomUUID(), version: 1, name: "A", ownerId: crypto.randomUUID(), trigger: CANONICAL.trigger, conditions: null, actions: CANONICAL.actions, isActive: true, ...overrides };
}

const bigDealsOnly = { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 1_000_000 }] };

describe("sampleEventRuns", () => {
  it.each([
    ["a deal moving to Negotiation", automation(), true],
    ["any deal update", automation({ trigger: { type: "deal.updated" } }), true],
    ["a matching trigger whose conditions skip it (a skipped run is still a run)", automation({ conditions: bigDealsOnly }), true],
    ["a deal moving to another stage", automation({ trigger: { type: "deal.stage_changed", to: "won" } }), false],
    ["a won deal", automation({ trigger: { type: "deal.won" } }), false],
    ["a new contact", automation({ trigger: { type: "contact.created" } }), false],
    ["an automation that is off", automation({ isActive: false }), false],
    ["an invalid trigger", automation({ trigger: { type: "nonsense" } }), false],
  ])("%s: %s", (_label, candidate, expected) => {
    expect(sampleEventRuns(candidate, NOW)).toBe(expected);
  });
});

describe.each(TEST_DRIVERS)("loadFirstRunPrompt on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("offers the admin the button through the oldest enabled source, and names the missing step otherwise", async () => {
    const { db } = handle;
    const team = await makeTeam(db);
    const admin = { claims: team.admin.claims, workspaceId: team.workspace.id, role: "admin" as const, now: NOW };
    const canonical = [automation()];

    expect(await loadFirstRunPrompt(db, { ...admin, automations: canonical })).toEqual({ kind: "needs_source" });
    const disabled = await insertSource(db, team.workspace.id);
    await db.update(webhookSources).set({ isActive: false }).where(eq(webhookSources.id, disabled.id));
    expect(await loadFirstRunPrompt(db, { ...admin, automations: canonical })).toEqual({ kind: "needs_source" });
    // Another workspace's source is never offered.
    await insertSource(db, team.other.id);
    expect(await loadFirstRunPrompt(db, { ...admin, automations: canonical })).toEqual({ kind: "needs_source" });

    const enabled = await insertSource(db, team.workspace.id);
    expect(await loadFirstRunPrompt(db, { ...admin, automations: canonical })).toEqual({ kind: "send", source: { id: enabled.id, name: "CRM native" } });
    expect(await loadFirstRunPrompt(db, { ...admin, automations: [] })).toEqual({ kind: "needs_automation" });
    expect(await loadFirstRunPrompt(db, { ...admin, automations: [automation({ trigger: { type: "deal.won" } })] })).toEqual({ kind: "not_triggered" });
  });

  it("tells a member how runs come, whatever the workspace has", async () => {
    const { db } = handle;
    const team = await makeTeam(db);
    await insertSource(db, team.workspace.id);
    const prompt = await loadFirstRunPrompt(db, { claims: team.memberA.claims, workspaceId: team.workspace.id, role: "member", automations: [automation()], now: NOW });
    expect(prompt).toEqual({ kind: "member" });
  });
});
