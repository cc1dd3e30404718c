// docs/api.md shows one stored example per trigger, operator and action: each must be valid as
// stored, and every one the registries know must have its example.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTIONS, actionSchema } from "@/lib/automations/actions";
import { conditionLeafSchema } from "@/lib/automations/conditions";
import { OPERATORS } from "@/lib/automations/operators";
import { TRIGGERS, triggerSchema } from "@/lib/automations/triggers";

const doc = fs.readFileSync("docs/api.md", "utf8");
const examples = [...doc.matchAll(/^\|.*`(\{.*\})` \|$/gm)].map((match) => JSON.parse(match[1]) as Record<string, unknown>);
const leaves = examples.filter((e) => e.kind === "condition");
const actions = examples.filter((e) => "config" in e);
const triggers = examples.filter((e) => !("kind" in e) && !("config" in e));

describe("docs/api.md examples", () => {
  it("has one valid stored trigger per trigger type", () => {
    for (const trigger of triggers) expect({ trigger, ok: triggerSchema.safeParse(trigger).success }).toEqual({ trigger, ok: true });
    expect(triggers.map((t) => t.type).sort()).toEqual(TRIGGERS.map((t) => t.type).sort());
  });

  it("has one valid stored leaf per operator", () => {
    for (const leaf of leaves) expect({ leaf, issues: conditionLeafSchema.safeParse(leaf).error?.issues ?? [] }).toEqual({ leaf, issues: [] });
    expect(leaves.map((l) => l.operator).sort()).toEqual(OPERATORS.map((o) => o.id).sort());
  });

  it("has one valid stored action per action type", () => {
    for (const action of actions) expect({ action, ok: actionSchema.safeParse(action).success }).toEqual({ action, ok: true });
    expect(actions.map((a) => a.type).sort()).toEqual(ACTIONS.map((a) => a.type).sort());
  });
});
