import { describe, expect, it } from "vitest";
import { decodeRunCursor, encodeRunCursor } from "./run-cursor";
import { dayRange, parseRunFilters, runFiltersQuery } from "./run-filters";

const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, "");
const CURSOR = { createdAt: "2026-11-25T10:00:00.123456Z", id: "5f028148-362c-4a96-983e-9d4526816a49" };

describe("run filters in the URL", () => {
  it("read every filter and write them back as the same query", () => {
    const cursor = encodeRunCursor(CURSOR);
    const query = `status=failed&automation=5F028148-362C-4A96-983E-9D4526816A49&type=deal.updated&entity=D-1042&from=2026-11-01&to=2026-11-30&cursor=${cursor}`;
    const filters = parseRunFilters(new URLSearchParams(query));
    expect(filters).toEqual({
      status: "failed",
      automationId: "5f028148-362c-4a96-983e-9d4526816a49",
      eventType: "deal.updated",
      entityId: "D-1042",
      from: "2026-11-01",
      to: "2026-11-30",
      cursor,
    });
    expect(runFiltersQuery(filters)).toBe(query.replace("5F028148-362C-4A96-983E-9D4526816A49", filters.automationId!));
    expect(runFiltersQuery(filters, { cursor: undefined, status: undefined })).toBe("automation=5f028148-362c-4a96-983e-9d4526816a49&type=deal.updated&entity=D-1042&from=2026-11-01&to=2026-11-30");
  });

  it("drop values that are not valid instead of failing the page", () => {
    expect(
      parseRunFilters({ status: "exploded", automation: "42", type: "deal.won", entity: "x".repeat(201), from: "2026-02-30", to: "yesterday", cursor: "abc" }),
    ).toEqual({});
    expect(parseRunFilters({ status: ["skipped", "failed"], entity: "  D-1  ", from: "" })).toEqual({ status: "skipped", entityId: "D-1" });
  });

  it("turn a day range into [start of from, start of the day after to) in UTC", () => {
    expect(dayRange({ from: "2026-11-01", to: "2026-11-30" })).toEqual({ from: new Date("2026-11-01T00:00:00Z"), before: new Date("2026-12-01T00:00:00Z") });
    expect(dayRange({})).toEqual({});
  });
});

describe("run cursors", () => {
  it("round-trip exactly, microseconds included", () => {
    const text = encodeRunCursor(CURSOR);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeRunCursor(text)).toEqual(CURSOR);
  });

  it("refuse anything else", () => {
    for (const text of ["", "%%%", encode({ a: 1 }), encode(["2026-11-25T10:00:00Z", CURSOR.id]), encode([CURSOR.createdAt, "1; drop table x"]), encode([CURSOR.createdAt])]) {
      expect(decodeRunCursor(text)).toBeNull();
    }
  });
});
