import { describe, expect, it } from "vitest";
import { getAdapter } from "./index";
import { nativeAdapter } from "./native";

const context = { now: new Date("2026-11-25T10:00:05Z") };
const body = {
  type: "deal.updated",
  occurred_at: "2026-11-25T10:00:00Z",
  entity: {
    type: "deal",
    id: "D-1042",
    data: { title: "Acme renewal", stage: "negotiation", amount: 12000, currency: "EUR", status: "open", owner_id: "u-7" },
  },
  previous: { stage: "proposal" },
  actor: { type: "user", id: "u-7" },
};

describe("nativeAdapter", () => {
  it("normalizes the DESIGN.md example", () => {
    expect(nativeAdapter.normalize(body, context)).toEqual({
      ok: true,
      event: {
        type: "deal.updated",
        occurredAt: "2026-11-25T10:00:00Z",
        entity: body.entity,
        previous: { stage: "proposal" },
        actor: { type: "user", id: "u-7" },
        causation: null,
      },
    });
  });

  it("maps snake_case causation and numeric ids, and defaults previous to null", () => {
    const result = nativeAdapter.normalize(
      { ...body, type: "deal.created", entity: { ...body.entity, id: 1042 }, previous: undefined, causation: { automation_id: "a-1", depth: 2 } },
      context,
    );
    expect(result.ok && result.event).toMatchObject({ entity: { id: "1042" }, previous: null, causation: { automationId: "a-1", depth: 2 } });
  });

  it.each<[string, unknown, string[]]>([
    ["not an object", "hello", [""]],
    ["unknown event type", { ...body, type: "deal.exploded" }, ["type"]],
    ["entity/type mismatch", { ...body, entity: { ...body.entity, type: "contact" } }, ["entity.type"]],
    ["bad date", { ...body, occurred_at: "yesterday" }, ["occurred_at"]],
    ["missing entity id", { ...body, entity: { type: "deal", data: {} } }, ["entity.id"]],
    ["data not an object", { ...body, entity: { ...body.entity, data: [1, 2] } }, ["entity.data"]],
    ["negative depth", { ...body, causation: { automation_id: "a", depth: -1 } }, ["causation.depth"]],
    ["depth not a number", { ...body, causation: { automation_id: "a", depth: "1" } }, ["causation.depth"]],
  ])("rejects %s with issues on %j", (_, input, paths) => {
    const result = nativeAdapter.normalize(input, context);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((issue) => issue.path)).toEqual(paths);
    expect(issues.filter((issue) => issue.message === "")).toEqual([]);
  });

  it("is what getAdapter('native') returns", () => {
    expect(getAdapter("native")).toBe(nativeAdapter);
    expect(getAdapter("supabase").format).toBe("supabase");
  });
});
