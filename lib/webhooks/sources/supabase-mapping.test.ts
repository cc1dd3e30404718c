import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { insertSource, post, useRouteTestDb } from "../test-support";
import { createSource } from "./create-source";
import { listSources } from "./list-sources";
import { parseSupabaseMappingForm } from "./supabase-mapping-form";
import { updateSupabaseMapping } from "./update-supabase-mapping";

const FORM = { tables: "crm.leads = deal\npeople = Contact\n", idColumn: "lead_id", ownerColumn: "rep", stageColumn: "phase", eventTimeColumn: "updated_at" };

describe("the Supabase mapping form", () => {
  it("reads one `schema.table = entity` per line, a bare table meaning public", () => {
    expect(parseSupabaseMappingForm(FORM)).toEqual({
      ok: true,
      mapping: {
        tables: [
          { schema: "crm", table: "leads", entity: "deal" },
          { schema: "public", table: "people", entity: "contact" },
        ],
        columns: { id: "lead_id", owner: "rep", stage: "phase", eventTime: "updated_at" },
      },
    });
    const parsed = parseSupabaseMappingForm({ ...FORM, eventTimeColumn: "  " });
    expect(parsed.ok && parsed.mapping.columns.eventTime).toBeNull();
  });

  it.each<[string, Partial<typeof FORM>, Record<string, string>]>([
    ["a line without an entity", { tables: "crm.leads" }, { tables: "Line 1: write “schema.table = entity”, e.g. “crm.leads = deal”" }],
    ["an unknown entity", { tables: "crm.leads = deal\ncrm.bills = invoice" }, { tables: "Line 2: the entity must be one of deal, contact, organization, activity, not “invoice”" }],
    ["a table twice", { tables: "crm.leads = deal\ncrm.leads = contact" }, { tables: "Line 2: crm.leads is mapped twice" }],
    ["no table", { tables: "\n" }, { tables: "Map at least one table" }],
    ["an empty owner column", { ownerColumn: "" }, { ownerColumn: "The owner column is required" }],
    ["a quoted event time column", { eventTimeColumn: '"updated_at"' }, { eventTimeColumn: "The event time column must be a single name, without dots, quotes or spaces" }],
  ])("refuses %s, naming the field", (_, change, fieldErrors) => {
    expect(parseSupabaseMappingForm({ ...FORM, ...change })).toEqual({ ok: false, fieldErrors });
  });
});

describe.each(TEST_DRIVERS)("saving a Supabase mapping on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("lets an admin save it, applies it to the next delivery, and refuses members, outsiders and other formats", async () => {
    const team = await makeTeam(db);
    const admin = { claims: team.admin.claims, workspaceId: team.workspace.id };
    const { id } = await createSource(db, { ...admin, input: { name: "Supabase", format: "supabase" } });
    const parsed = parseSupabaseMappingForm(FORM);
    if (!parsed.ok) throw new Error("form did not parse");
    const source = (await listSources(db, { ...admin, now: new Date() })).find((s) => s.id === id)!;
    const lead = { lead_id: 1, title: "Acme", phase: "lead", rep: "crm-a", updated_at: "2026-11-25T09:00:00Z" };
    const deliver = () =>
      post(new Request(`http://localhost/api/webhooks/${id}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}` },
        body: JSON.stringify({ type: "INSERT", table: "leads", schema: "crm", record: lead, old_record: null }),
      }));
    expect((await deliver()).status).toBe(400);

    const member = { claims: team.memberA.claims, workspaceId: team.workspace.id };
    await expect(updateSupabaseMapping(db, { ...member, sourceId: id, mapping: parsed.mapping, now: new Date() })).rejects.toThrow("Webhook source not found");
    await expect(updateSupabaseMapping(db, { claims: team.outsider.claims, workspaceId: team.other.id, sourceId: id, mapping: parsed.mapping, now: new Date() })).rejects.toThrow("Webhook source not found");
    const native = await insertSource(db, team.workspace.id, "native");
    await expect(updateSupabaseMapping(db, { ...admin, sourceId: native.id, mapping: parsed.mapping, now: new Date() })).rejects.toThrow("Webhook source not found");

    await updateSupabaseMapping(db, { ...admin, sourceId: id, mapping: parsed.mapping, now: new Date() });
    const saved = (await listSources(db, { ...admin, now: new Date() })).find((s) => s.id === id)!;
    expect(saved.supabaseMapping).toEqual(parsed.mapping);
    const accepted = await deliver();
    expect([accepted.status, accepted.body.duplicate]).toEqual([200, false]);
    expect((await deliver()).body.duplicate).toBe(true);
  });
});
