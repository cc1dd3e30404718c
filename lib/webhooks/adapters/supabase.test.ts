import { describe, expect, it } from "vitest";
import { diffRows, supabaseAdapter } from "./supabase";

const context = { now: new Date("2026-11-25T10:00:05Z") };
const row = {
  id: "7b0c5c8e-8c1a-4b55-9a5d-2f1f0b1c2d3e",
  workspace_id: "ws-1",
  title: "Acme renewal",
  stage: "negotiation",
  amount: 12000,
  currency: "EUR",
  status: "open",
  owner_id: "crm-member",
  custom: { tier: "gold", tags: ["a"] },
  created_at: "2026-11-01T08:00:00.123456+00:00",
  updated_at: "2026-11-25T10:00:00.654321+00:00",
};

describe("supabaseAdapter", () => {
  it("maps an INSERT to <entity>.created", () => {
    const result = supabaseAdapter.normalize({ type: "INSERT", table: "deals", schema: "public", record: row, old_record: null }, context);
    expect(result).toEqual({
      ok: true,
      event: {
        type: "deal.created",
        occurredAt: "2026-11-25T10:00:00.654Z",
        entity: { type: "deal", id: row.id, data: row },
        previous: null,
        actor: null,
        causation: null,
      },
      // No event time column named: not deduplicated.
      dedupeKey: null,
    });
  });

  it("maps an UPDATE with previous = old values of changed columns only (deep compare)", () => {
    const old = { ...row, stage: "proposal", amount: 10000, custom: { tier: "silver", tags: ["a"] }, updated_at: "2026-11-20T09:00:00+00:00" };
    const same = { ...row, custom: { tier: "gold", tags: ["a"] } };
    const result = supabaseAdapter.normalize({ type: "UPDATE", table: "deals", schema: "public", record: same, old_record: old }, context);
    expect(result.ok && result.event).toMatchObject({
      type: "deal.updated",
      entity: { id: row.id },
      previous: { stage: "proposal", amount: 10000, custom: { tier: "silver", tags: ["a"] }, updated_at: "2026-11-20T09:00:00+00:00" },
    });
    expect(Object.keys((result.ok && result.event.previous) || {})).toEqual(["stage", "amount", "custom", "updated_at"]);
  });

  it("maps a DELETE to <entity>.deleted using old_record and the receipt time", () => {
    const result = supabaseAdapter.normalize({ type: "DELETE", table: "activities", schema: "public", record: null, old_record: { id: 42, subject: "Call", done: false } }, context);
    expect(result).toEqual({
      ok: true,
      event: {
        type: "activity.deleted",
        occurredAt: "2026-11-25T10:00:05.000Z",
        entity: { type: "activity", id: "42", data: { id: 42, subject: "Call", done: false } },
        previous: null,
        actor: null,
        causation: null,
      },
      dedupeKey: null,
    });
  });

  it.each([
    ["contacts", "contact.created"],
    ["organizations", "organization.created"],
    ["activities", "activity.created"],
  ])("maps table %s", (table, type) => {
    const result = supabaseAdapter.normalize({ type: "INSERT", table, schema: "public", record: { id: "1" }, old_record: null }, context);
    expect(result.ok && result.event.type).toBe(type);
    // No timestamps on the row: the receipt time stands in.
    expect(result.ok && result.event.occurredAt).toBe("2026-11-25T10:00:05.000Z");
  });

  it("reads automation causation from the row and keeps it out of the entity data", () => {
    const record = { ...row, automation_causation: { automation_id: "auto-1", depth: 2 } };
    const old = { ...row, stage: "proposal", automation_causation: null };
    const result = supabaseAdapter.normalize({ type: "UPDATE", table: "deals", schema: "public", record, old_record: old }, context);
    expect(result.ok && result.event.causation).toEqual({ automationId: "auto-1", depth: 2 });
    expect(result.ok && result.event.entity.data).not.toHaveProperty("automation_causation");
    expect(result.ok && result.event.previous).toEqual({ stage: "proposal" });
  });

  it("accepts Postgres-style short offsets", () => {
    const result = supabaseAdapter.normalize({ type: "INSERT", table: "deals", record: { id: 1, created_at: "2026-11-01 08:00:00+02" }, old_record: null }, context);
    expect(result.ok && result.event.occurredAt).toBe("2026-11-01T06:00:00.000Z");
  });

  it.each<[string, unknown, [string, string][]]>([
    ["unknown table", { type: "INSERT", table: "invoices", schema: "public", record: { id: 1 }, old_record: null }, [["table", "table “public.invoices” is not mapped to an entity: an admin can map it under Tables on this source (Settings → Webhooks), e.g. “public.invoices = deal”"]]],
    ["prototype table name", { type: "INSERT", table: "__proto__", schema: "public", record: { id: 1 }, old_record: null }, [["table", "table “public.__proto__” is not mapped to an entity: an admin can map it under Tables on this source (Settings → Webhooks), e.g. “public.__proto__ = deal”"]]],
    ["unknown type", { type: "TRUNCATE", table: "deals", record: null }, [["type", "type must be INSERT, UPDATE or DELETE"]]],
    ["INSERT without record", { type: "INSERT", table: "deals", record: null, old_record: null }, [["record", "record is required for INSERT"]]],
    ["UPDATE without old_record", { type: "UPDATE", table: "deals", record: { id: 1 }, old_record: null }, [["old_record", "old_record is required for UPDATE"]]],
    ["row without id", { type: "INSERT", table: "deals", record: { title: "x" }, old_record: null }, [["record.id", "record.id is required (this source's primary key column)"]]],
    ["DELETE without old_record", { type: "DELETE", table: "deals", record: null }, [["old_record", "old_record is required for DELETE"]]],
    [
      "malformed causation",
      { type: "INSERT", table: "deals", record: { id: 1, automation_causation: { automation_id: "a", depth: "9" } }, old_record: null },
      [["record.automation_causation.depth", "Invalid input: expected number, received string"]],
    ],
  ])("rejects %s", (_, body, issues) => {
    const result = supabaseAdapter.normalize(body, context);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((issue) => [issue.path, issue.message])).toEqual(issues);
  });
});

describe("diffRows", () => {
  it("lists columns added, removed or changed with their old value", () => {
    expect(diffRows({ a: 1, b: [1, 2], c: "x" }, { a: 1, b: [1, 3], d: true })).toEqual({ b: [1, 2], c: "x", d: null });
  });

  it("compares jsonb values by content, not identity", () => {
    expect(diffRows({ meta: { tier: "gold", tags: ["a"] }, n: null }, { meta: { tier: "gold", tags: ["a"] }, n: null })).toEqual({});
  });
});
