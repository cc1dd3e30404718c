import { describe, expect, it } from "vitest";
import { ENTITY_TYPES, fieldsFor, getField, optionLabel } from "./fields";

describe("field catalog", () => {
  it.each<[string, string | undefined, string | undefined]>([
    ["deal.amount", "number", "Amount"],
    ["deal.stage", "choice", "Stage"],
    ["deal.expected_close_date", "date", "Expected close date"],
    ["contact.lifecycle_stage", "choice", "Lifecycle stage"],
    ["organization.employees", "number", "Employees"],
    ["activity.done", "boolean", "Done"],
    ["activity.deal_id", "text", "Deal"],
    ["deal.nope", undefined, undefined],
    ["amount", undefined, undefined],
    ["deal.__proto__", undefined, undefined],
  ])("%s → %s", (path, type, label) => {
    expect(getField(path)?.type).toBe(type);
    expect(getField(path)?.label).toBe(label);
  });

  it("gives every entity an owner and unique keys", () => {
    for (const entity of ENTITY_TYPES) {
      const keys = fieldsFor(entity).map((field) => field.key);
      expect(keys).toContain("owner_id");
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it("labels stage values case-insensitively and leaves unknown ones alone", () => {
    const stage = getField("deal.stage");
    expect(optionLabel(stage, "contract_sent")).toBe("Contract sent");
    expect(optionLabel(stage, "NEGOTIATION")).toBe("Negotiation");
    expect(optionLabel(stage, "discovery")).toBeUndefined();
  });
});
