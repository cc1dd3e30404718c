import { describe, expect, it } from "vitest";
import { supabaseAdapter } from "./supabase";
import { DEFAULT_SUPABASE_MAPPING, readSupabaseMapping, supabaseMappingSchema, type SupabaseMapping } from "./supabase-mapping";

const now = new Date("2026-11-25T10:00:05Z");
const mapping: SupabaseMapping = {
  tables: [
    { schema: "crm", table: "leads", entity: "deal" },
    { schema: "public", table: "deals", entity: "deal" },
  ],
  columns: { id: "lead_id", owner: "rep", stage: "phase", eventTime: "modified_at" },
};

function normalize(body: unknown, supabaseMapping: SupabaseMapping = mapping) {
  return supabaseAdapter.normalize(body, { now, supabaseMapping });
}

const lead = { lead_id: 77, title: "Acme", phase: "negotiation", rep: "crm-member", modified_at: "2026-11-25 09:59:00.123456+00" };
const at = (time: string, phase: string) => ({ ...lead, phase, modified_at: time });

describe("a Supabase source's own tables and columns", () => {
  it("maps crm.leads to deals with the source's primary key, owner and stage columns", () => {
    const result = normalize({ type: "UPDATE", schema: "crm", table: "leads", record: lead, old_record: { ...lead, phase: "proposal", modified_at: "2026-11-25 09:00:00+00" } });
    expect(result).toMatchObject({
      ok: true,
      event: {
        type: "deal.updated",
        occurredAt: "2026-11-25T09:59:00.123Z",
        entity: { type: "deal", id: "77", data: { owner_id: "crm-member", stage: "negotiation", rep: "crm-member", phase: "negotiation" } },
        previous: { stage: "proposal", phase: "proposal", modified_at: "2026-11-25 09:00:00+00" },
      },
      dedupeKey: "supabase:crm.leads:UPDATE:77@2026-11-25 09:59:00.123456+00",
    });
  });

  it("respects the schema: crm.deals is not public.deals", () => {
    const result = normalize({ type: "INSERT", schema: "crm", table: "deals", record: lead, old_record: null });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual(["table"]);
    expect(result.ok ? "" : result.issues[0].message).toContain("crm.deals");
    const defaults = supabaseAdapter.normalize({ type: "INSERT", schema: "crm", table: "deals", record: { id: 1 }, old_record: null }, { now });
    expect(defaults.ok).toBe(false);
  });

  it("keys each change on primary key, operation and event time, so A→B→A→B and insert→delete→insert are all distinct", () => {
    const keys = [
      normalize({ type: "UPDATE", schema: "crm", table: "leads", record: at("2026-11-25 09:01:00+00", "B"), old_record: at("2026-11-25 09:00:00+00", "A") }),
      normalize({ type: "UPDATE", schema: "crm", table: "leads", record: at("2026-11-25 09:02:00+00", "A"), old_record: at("2026-11-25 09:01:00+00", "B") }),
      normalize({ type: "UPDATE", schema: "crm", table: "leads", record: at("2026-11-25 09:03:00+00", "B"), old_record: at("2026-11-25 09:02:00+00", "A") }),
      normalize({ type: "INSERT", schema: "crm", table: "leads", record: at("2026-11-25 09:04:00+00", "A"), old_record: null }),
      normalize({ type: "DELETE", schema: "crm", table: "leads", record: null, old_record: at("2026-11-25 09:04:00+00", "A") }),
      normalize({ type: "INSERT", schema: "crm", table: "leads", record: at("2026-11-25 09:05:00+00", "A"), old_record: null }),
    ].map((result) => (result.ok ? result.dedupeKey : null));
    expect(new Set(keys).size).toBe(6);
    expect(keys.every((key) => typeof key === "string")).toBe(true);
  });

  it("dates a deletion at its receipt, and requires the event time column when the source names one", () => {
    const deleted = normalize({ type: "DELETE", schema: "crm", table: "leads", record: null, old_record: lead });
    expect(deleted.ok && deleted.event.occurredAt).toBe(now.toISOString());
    const missing = normalize({ type: "INSERT", schema: "crm", table: "leads", record: { ...lead, modified_at: null }, old_record: null });
    expect(missing.ok ? [] : missing.issues).toEqual([
      { path: "record.modified_at", message: "record.modified_at must be a timestamp: it is this source's event time column, which identifies each change" },
    ]);
  });

  it("names the source's primary key column when a row lacks it", () => {
    const result = normalize({ type: "INSERT", schema: "crm", table: "leads", record: { id: 1, modified_at: lead.modified_at }, old_record: null });
    expect(result.ok ? [] : result.issues).toEqual([{ path: "record.lead_id", message: "record.lead_id is required (this source's primary key column)" }]);
  });
});

describe("the mapping settings", () => {
  it("falls back to the defaults when nothing, or something unreadable, is stored", () => {
    expect(readSupabaseMapping({})).toBe(DEFAULT_SUPABASE_MAPPING);
    expect(readSupabaseMapping({ supabase: { tables: "deals" } })).toBe(DEFAULT_SUPABASE_MAPPING);
    expect(readSupabaseMapping({ supabase: mapping })).toEqual(mapping);
  });

  it.each<[string, unknown, string]>([
    ["a table mapped twice", { ...mapping, tables: [mapping.tables[0], mapping.tables[0]] }, "crm.leads is mapped twice"],
    ["no tables", { ...mapping, tables: [] }, "Map at least one table"],
    ["an unknown entity", { ...mapping, tables: [{ schema: "crm", table: "x", entity: "invoice" }] }, "The entity must be one of deal, contact, organization, activity"],
    ["a dotted column", { ...mapping, columns: { ...mapping.columns, owner: "a.b" } }, "The owner column must be a single name, without dots, quotes or spaces"],
  ])("refuses %s", (_, input, message) => {
    const parsed = supabaseMappingSchema.safeParse(input);
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)).toEqual([message]);
  });
});
