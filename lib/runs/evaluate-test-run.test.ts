// The editor's test run on both drivers: the unsaved form against a past event or a pasted payload,
// as the reader is allowed to see it, and nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Db, DbHandle } from "@/db/client";
import { resultRows } from "@/db/rows";
import type { AutomationFormValues } from "@/lib/automations/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { dealPayload, insertEvent, insertRun, makeHistoryWorld, type HistoryWorld } from "./history-test-support";
import { evaluateTestRun } from "./evaluate-test-run";
import { listTestEvents } from "./list-test-events";

const NOW = new Date("2026-11-25T12:00:00Z");

function form(overrides: Partial<AutomationFormValues> = {}): AutomationFormValues {
  return {
    name: "Big negotiations",
    trigger: { type: "deal.stage_changed", to: "negotiation" },
    conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 10000 }] },
    actions: [
      { type: "create_activity", config: { subject: "Follow up on {{deal.title}} for {{owner.email}}", activityType: "call", dueInDays: 2, assignee: { kind: "deal_owner" } } },
      { type: "notify_user", config: { to: { kind: "automation_owner" }, message: "{{deal.title}}: {{deal.nickname}}" } },
    ],
    ...overrides,
  };
}

async function rowCounts(db: Db) {
  const result = await db.execute(sql`select (select count(*) from events) + (select count(*) from automation_runs) + (select count(*) from run_actions)
    + (select count(*) from activities) + (select count(*) from notifications) + (select count(*) from outbox) + (select count(*) from automations) as n`);
  return Number(resultRows<{ n: unknown }>(result)[0].n);
}

describe.each(TEST_DRIVERS)("test-running an unsaved automation on %s", (driver) => {
  let handle: DbHandle;
  let world: HistoryWorld;
  let eventOfA: string;
  const run = (who: "admin" | "memberA" | "memberB" | "outsider", input: unknown, source: unknown, workspaceId = world.workspace.id) =>
    evaluateTestRun(handle.db, world[who].claims, { workspaceId, userId: world[who].id, input, source, now: NOW });

  beforeAll(async () => {
    handle = await createTestDb(driver);
    world = await makeHistoryWorld(handle.db);
    // A past event that only member A's automation ran on (and so only A and the admin may read).
    eventOfA = await insertEvent(handle.db, { workspaceId: world.workspace.id, sourceId: world.source.id, entityId: "D-77", payload: dealPayload("D-77", { amount: 12000, owner_id: "crm-a" }) });
    await insertRun(handle.db, { workspaceId: world.workspace.id, automationId: world.autoA, ownerId: world.memberA.id, eventId: eventOfA, entityId: "D-77" });
  });
  afterAll(async () => handle?.close());

  it("shows the trigger verdict, the condition trace and the actions with their templates rendered, writing nothing", async () => {
    const before = await rowCounts(handle.db);
    const result = await run("admin", form(), { eventId: eventOfA });
    expect(await rowCounts(handle.db)).toBe(before);
    if (!result.ok) throw new Error(result.error);
    const outcome = result.data;
    expect(outcome.event).toMatchObject({ id: eventOfA, type: "deal.updated", entityId: "D-77" });
    expect(outcome.verdict).toBe("would_run");
    expect(outcome.trace.trigger).toEqual({ matched: true, reason: "stage changed from proposal to negotiation" });
    expect(outcome.trace.conditions).toMatchObject({ kind: "group", result: true, children: [{ field: "deal.amount", operator: "gt", expected: 10000, actual: 12000, result: true }] });
    // crm-a is member A's CRM id: the deal owner and {{owner.email}} resolve to them.
    expect(outcome.owner).toEqual({ ref: "crm-a", email: world.memberA.email });
    expect(outcome.actions).toEqual([
      expect.objectContaining({ index: 0, label: "Create activity", fields: [{ key: "subject", value: `Follow up on Acme renewal for ${world.memberA.email}` }], missing: [] }),
      expect.objectContaining({ index: 1, label: "Notify user", fields: [{ key: "message", value: "Acme renewal: " }], missing: ["deal.nickname"] }),
    ]);
    expect(outcome.trace.templates.missing).toEqual(["deal.nickname"]);
  });

  it("says which condition was false, and when the trigger does not fire at all", async () => {
    const skipped = await run("admin", form({ conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.amount", operator: "gt", value: 50000 }] } }), { eventId: eventOfA });
    expect(skipped).toMatchObject({ ok: true, data: { verdict: "skipped", actions: [], trace: { conditions: { result: false, children: [{ actual: 12000, expected: 50000, result: false }] } } } });
    const other = await run("admin", form({ trigger: { type: "deal.stage_changed", to: "closed" } }), { eventId: eventOfA });
    expect(other).toMatchObject({ ok: true, data: { verdict: "not_triggered", trace: { trigger: { matched: false, reason: "stage changed to negotiation, not closed" } } } });
  });

  it("replays only events the user may read", async () => {
    expect(await run("memberA", form(), { eventId: eventOfA })).toMatchObject({ ok: true, data: { verdict: "would_run" } });
    for (const who of ["memberB", "outsider"] as const) {
      expect(await run(who, form(), { eventId: eventOfA })).toMatchObject({ ok: false, fieldErrors: { "testRun.eventId": "That event is not available: choose another one" } });
    }
    // Naming another workspace does not help the outsider either.
    expect(await run("outsider", form(), { eventId: eventOfA }, world.other.id)).toMatchObject({ ok: false });
  });

  it("evaluates a pasted native payload, and explains one that is not", async () => {
    const body = { type: "deal.updated", occurred_at: "2026-11-25T10:00:00Z", entity: { type: "deal", id: "D-9", data: { title: "Pasted", stage: "negotiation", amount: 20000 } }, previous: { stage: "lead" } };
    expect(await run("memberB", form(), { payload: JSON.stringify(body) })).toMatchObject({
      ok: true,
      data: { event: { id: null, entityId: "D-9" }, verdict: "would_run", owner: { ref: null, email: null } },
    });
    expect(await run("memberB", form(), { payload: "{ not json" })).toMatchObject({ ok: false, fieldErrors: { "testRun.payload": "The sample payload is not valid JSON" } });
    const bad = await run("memberB", form(), { payload: JSON.stringify({ ...body, type: "deal.exploded" }) });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { "testRun.payload": expect.stringContaining("type must be <entity>.<created|updated|deleted>") } });
    // In words, not the schema's jargon ("expected object, received undefined").
    const { entity: _entity, ...noEntity } = body;
    const missing = await run("memberB", form(), { payload: JSON.stringify(noEntity) });
    expect(missing).toMatchObject({ ok: false, fieldErrors: { "testRun.payload": expect.stringMatching(/“entity” is missing/) } });
    expect(JSON.stringify(missing)).not.toMatch(/expected|received/);
  });

  it("validates the form with the save schema first", async () => {
    const result = await run("admin", form({ name: "  " }), { eventId: eventOfA });
    expect(result).toMatchObject({ ok: false, fieldErrors: { name: "Name is required" } });
  });

  it("lists the latest events of an entity type the user may read", async () => {
    const contact = await insertEvent(handle.db, {
      workspaceId: world.workspace.id, sourceId: world.source.id, type: "contact.created", entityType: "contact", entityId: "C-1",
      payload: { type: "contact.created", occurredAt: "2026-11-25T10:00:00Z", entity: { type: "contact", id: "C-1", data: { name: "Ada" } }, previous: null },
    });
    const admin = await listTestEvents(handle.db, world.admin.claims, { workspaceId: world.workspace.id, entityType: "contact" });
    expect(admin).toEqual([expect.objectContaining({ id: contact, type: "contact.created", entityId: "C-1", label: "Ada" })]);
    const deals = await listTestEvents(handle.db, world.memberA.claims, { workspaceId: world.workspace.id, entityType: "deal" });
    expect(deals.map((event) => event.id)).toEqual([eventOfA]);
    expect(await listTestEvents(handle.db, world.memberB.claims, { workspaceId: world.workspace.id, entityType: "deal" })).toEqual([]);
  });
});
