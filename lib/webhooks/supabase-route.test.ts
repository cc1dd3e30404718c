// Supabase sources end to end: changes identified by row + event time column (never by the body),
// a source's own tables, schema and columns, and what an unmapped table answers and logs.
import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, automationRuns, events, inboundDeliveries } from "@/db/schema";
import { TEST_DRIVERS } from "@/test/db";
import type { SupabaseMapping } from "./adapters/supabase-mapping";
import { insertSource, makeWebhookWorld, post, useRouteTestDb } from "./test-support";

const CRM_MAPPING: SupabaseMapping = {
  tables: [{ schema: "crm", table: "leads", entity: "deal" }],
  columns: { id: "lead_id", owner: "rep", stage: "phase", eventTime: "updated_at" },
};

function supabaseRequest(sourceId: string, secret: string, body: unknown): Request {
  return new Request(`http://localhost/api/webhooks/${sourceId}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: JSON.stringify(body),
  });
}

/** A row of public.deals at a time (as the documented trigger keeps updated_at). */
const deal = (stage: string, minute: number) => ({ id: "D-7", title: "Globex", stage, owner_id: "crm-b", updated_at: `2026-11-25 09:${String(minute).padStart(2, "0")}:00.000001+00` });

const lead = (minute: number) => ({ lead_id: 5, title: "Initech", phase: "lead", rep: "crm-b", updated_at: `2026-11-25 09:0${minute}:00+00` });
const row = (phase: string, minute: number) => ({ lead_id: 9, title: "Umbrella", phase, rep: "crm-b", updated_at: `2026-11-25T09:0${minute}:00Z` });

describe.each(TEST_DRIVERS)("Supabase sources on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  async function counts(workspaceId: string) {
    const [e] = await db.select({ n: count() }).from(events).where(eq(events.workspaceId, workspaceId));
    const [r] = await db.select({ n: count() }).from(automationRuns).where(eq(automationRuns.workspaceId, workspaceId));
    const [a] = await db.select({ n: count() }).from(activities).where(eq(activities.workspaceId, workspaceId));
    return { events: e.n, runs: r.n, activities: a.n };
  }

  it("runs every stage change of A→B, B→A, A→B, and recognises a redelivery by row and event time", async () => {
    const world = await makeWebhookWorld(db);
    const source = await insertSource(db, world.workspace.id, "supabase", { supabase: { ...CRM_MAPPING, tables: [{ schema: "public", table: "deals", entity: "deal" }], columns: { id: "id", owner: "owner_id", stage: "stage", eventTime: "updated_at" } } });
    const send = (body: unknown) => post(supabaseRequest(source.id, source.secret, body));
    const toNegotiation = { type: "UPDATE", table: "deals", schema: "public", record: deal("negotiation", 1), old_record: deal("proposal", 0) };
    const first = await send(toNegotiation);
    expect(first.body).toMatchObject({ duplicate: false, runs: [{ automationId: world.automationId, status: "succeeded" }] });
    await send({ type: "UPDATE", table: "deals", schema: "public", record: deal("proposal", 2), old_record: deal("negotiation", 1) });
    const third = await send({ type: "UPDATE", table: "deals", schema: "public", record: deal("negotiation", 3), old_record: deal("proposal", 2) });
    expect(third.body).toMatchObject({ duplicate: false, runs: [{ automationId: world.automationId, status: "succeeded" }] });
    expect(await counts(world.workspace.id)).toMatchObject({ events: 3, activities: 2 });

    // The same change sent again (a manual re-send) is the same row at the same time: a duplicate.
    const again = await send(toNegotiation);
    expect(again.body).toMatchObject({ duplicate: true, eventId: first.body.eventId });
    const [event] = await db.select({ externalId: events.externalId }).from(events).where(eq(events.id, first.body.eventId as string));
    expect(event.externalId).toBe("supabase:public.deals:UPDATE:D-7@2026-11-25 09:01:00.000001+00");
  });

  it("records insert → delete → insert of one row as three events", async () => {
    const world = await makeWebhookWorld(db);
    const source = await insertSource(db, world.workspace.id, "supabase", { supabase: CRM_MAPPING });
    const bodies = [
      { type: "INSERT", table: "leads", schema: "crm", record: lead(1), old_record: null },
      { type: "DELETE", table: "leads", schema: "crm", record: null, old_record: lead(1) },
      { type: "INSERT", table: "leads", schema: "crm", record: lead(2), old_record: null },
    ];
    for (const body of bodies) {
      const answer = await post(supabaseRequest(source.id, source.secret, body));
      expect([answer.status, answer.body.duplicate]).toEqual([200, false]);
    }
    const stored = await db.select({ type: events.type, entityId: events.entityId }).from(events).where(eq(events.sourceId, source.id));
    expect(stored.map((event) => event.type).sort()).toEqual(["deal.created", "deal.created", "deal.deleted"]);
    expect(new Set(stored.map((event) => event.entityId))).toEqual(new Set(["5"]));
  });

  it("maps the source's own columns: the rep column resolves the owner, the phase column triggers the stage change", async () => {
    const world = await makeWebhookWorld(db);
    const source = await insertSource(db, world.workspace.id, "supabase", { supabase: CRM_MAPPING });
    const answer = await post(supabaseRequest(source.id, source.secret, { type: "UPDATE", table: "leads", schema: "crm", record: row("negotiation", 2), old_record: row("proposal", 1) }));
    expect(answer.body).toMatchObject({ runs: [{ automationId: world.automationId, status: "succeeded" }] });
    const [activity] = await db.select({ assigneeId: activities.assigneeId, entityId: activities.entityId }).from(activities).where(eq(activities.workspaceId, world.workspace.id));
    expect(activity).toEqual({ assigneeId: world.memberB.id, entityId: "9" });
  });

  it("answers 400 for an unmapped table (crm.deals is not public.deals), records nothing, and the log says how to map it", async () => {
    const world = await makeWebhookWorld(db);
    const source = await insertSource(db, world.workspace.id, "supabase");
    const answer = await post(supabaseRequest(source.id, source.secret, { type: "INSERT", table: "deals", schema: "crm", record: { id: 1 }, old_record: null }));
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([
      { path: "table", message: "table “crm.deals” is not mapped to an entity: an admin can map it under Tables on this source (Settings → Webhooks), e.g. “crm.deals = deal”" },
    ]);
    expect(await counts(world.workspace.id)).toEqual({ events: 0, runs: 0, activities: 0 });
    const [entry] = await db.select({ reason: inboundDeliveries.reason }).from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, source.id));
    expect(entry.reason).toContain("map it under Tables on this source");
  });

  it("does not deduplicate a source without an event time column: a repeated body is run again", async () => {
    const world = await makeWebhookWorld(db);
    const source = await insertSource(db, world.workspace.id, "supabase");
    const body = { type: "UPDATE", table: "deals", schema: "public", record: deal("negotiation", 1), old_record: deal("proposal", 0) };
    const first = await post(supabaseRequest(source.id, source.secret, body));
    const second = await post(supabaseRequest(source.id, source.secret, body));
    expect([first.body.duplicate, second.body.duplicate]).toEqual([false, false]);
    expect(await counts(world.workspace.id)).toMatchObject({ events: 2 });
  });
});
