// The pure half of "know the previous state yourself" and of the common payload shapes: when the
// snapshot must be read (only for an update without previous), what counts as a change against it,
// and how shorthand types and booleans are normalised.
import { describe, expect, it } from "vitest";
import { canonicalEvent, expandAlias } from "./canonical-event";
import type { NormalizedEvent } from "./event";
import { diffKnownState, needsKnownState, withKnownPrevious } from "./known-previous";

function event(type: string, data: Record<string, unknown>, previous: Record<string, unknown> | null = null): NormalizedEvent {
  const entity = type.slice(0, type.indexOf("."));
  return { type: type as NormalizedEvent["type"], occurredAt: "2026-11-25T10:00:00Z", entity: { type: entity as "deal", id: "X-1", data }, previous };
}

describe("needsKnownState", () => {
  it.each([
    ["deal.updated", null, true],
    ["deal.updated", {}, false],
    ["deal.updated", { stage: "lead" }, false],
    ["deal.created", null, false],
    ["deal.deleted", null, false],
    ["activity.updated", null, true],
  ] as const)("%s with previous %j: %s", (type, previous, expected) => {
    expect(needsKnownState(event(type, {}, previous))).toBe(expected);
  });

  it("is false once the previous state was derived, so it is read at most once", () => {
    expect(needsKnownState(withKnownPrevious(event("deal.updated", { stage: "lead" }), null))).toBe(false);
  });
});

describe("diffKnownState", () => {
  it("keeps the old values of fields that differ, by the catalog's type", () => {
    const known = { stage: "proposal", amount: "12000", title: "Acme", status: "OPEN", extra: { a: 1 } };
    const data = { stage: "negotiation", amount: 12000, title: "acme", status: "open", extra: { a: 2 }, source: "web" };
    // amount 12000 = "12000" and status OPEN = open by type; text compares exactly; unseen fields never count.
    expect(diffKnownState("deal", known, data)).toEqual({ stage: "proposal", title: "Acme", extra: { a: 1 } });
  });

  it("compares booleans as booleans", () => {
    expect(diffKnownState("activity", { done: 0 }, { done: false })).toEqual({});
    expect(diffKnownState("activity", { done: false }, { done: true })).toEqual({ done: false });
  });
});

describe("withKnownPrevious", () => {
  it("marks the basis: the last known state with its time, or none known", () => {
    const known = withKnownPrevious(event("deal.updated", { stage: "won" }), { data: { stage: "lead" }, at: "2026-11-24T09:00:00.000Z" });
    expect(known.previous).toEqual({ stage: "lead" });
    expect(known.previousBasis).toEqual({ kind: "last_known", at: "2026-11-24T09:00:00.000Z" });
    const unknown = withKnownPrevious(event("deal.updated", { stage: "won" }), null);
    expect(unknown.previous).toEqual({});
    expect(unknown.previousBasis).toEqual({ kind: "unknown" });
  });

  it("leaves an event that carries previous untouched", () => {
    const given = event("deal.updated", { stage: "won" }, { stage: "lead" });
    expect(withKnownPrevious(given, { data: { stage: "x" }, at: "2026-11-24T09:00:00.000Z" })).toBe(given);
  });

  it("lets a shorthand type's stated change count unless the known state says otherwise", () => {
    const won = expandAlias({ ...event("deal.updated", {}), type: "deal.won" });
    expect(withKnownPrevious(won, null).previous).toEqual({ status: "open" });
    expect(withKnownPrevious(won, { data: { title: "A" }, at: "2026-11-24T09:00:00.000Z" }).previous).toEqual({ status: "open" });
    expect(withKnownPrevious(won, { data: { status: "lost" }, at: "2026-11-24T09:00:00.000Z" }).previous).toEqual({ status: "lost" });
    expect(withKnownPrevious(won, { data: { status: "won" }, at: "2026-11-24T09:00:00.000Z" }).previous).toEqual({});
  });
});

describe("expandAlias and canonicalEvent", () => {
  it("maps each shorthand type onto the updated event", () => {
    expect(expandAlias({ ...event("deal.updated", { stage: "x" }, { stage: "y" }), type: "deal.lost" })).toMatchObject({
      type: "deal.updated",
      entity: { data: { stage: "x", status: "lost" } },
      previous: { stage: "y", status: "open" },
    });
    expect(expandAlias({ ...event("activity.updated", {}, { done: 0 }), type: "activity.completed" })).toMatchObject({
      type: "activity.updated",
      entity: { data: { done: true } },
      previous: { done: 0 },
    });
  });

  it.each([
    [1, true],
    [0, false],
    ["true", true],
    [" FALSE ", false],
    ["1", true],
    ["0", false],
    ["yes", "yes"],
    [2, 2],
  ])("stores the catalog's boolean %j as %j", (given, expected) => {
    const out = canonicalEvent(event("activity.updated", { done: given, subject: "1" }, { done: given }));
    expect(out.entity.data).toEqual({ done: expected, subject: "1" });
    expect(out.previous).toEqual({ done: expected });
  });
});
