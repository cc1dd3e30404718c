import { describe, expect, it } from "vitest";
import { z } from "zod";
import { timeOrderedId } from "./time-ordered-id";

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("timeOrderedId", () => {
  it("is a UUID version 7 that our validators and PostgreSQL's uuid type accept", () => {
    const id = timeOrderedId();
    expect(id).toMatch(V7);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it("carries the creation time in milliseconds in its first 48 bits", () => {
    const at = Date.UTC(2026, 11, 2, 17, 30, 5, 123);
    const id = timeOrderedId(at);
    expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  });

  it("sorts by creation time, so new rows land at the end of an index on it", () => {
    const start = Date.UTC(2026, 0, 1);
    const ids = Array.from({ length: 500 }, (_, i) => timeOrderedId(start + i * 7));
    expect([...ids].sort()).toEqual(ids);
  });

  it("is unique within one millisecond (74 random bits)", () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 20_000 }, () => timeOrderedId(at)));
    expect(ids.size).toBe(20_000);
    for (const id of ids) expect(id).toMatch(V7);
  });
});
