import { describe, expect, it } from "vitest";
import { templateVariablesFor } from "./fields";
import { templateSyntaxError, unknownVariableWarnings } from "./template-check";

describe("templateSyntaxError", () => {
  it.each(["", "Plain text", "Call {{deal.title}}", "{{ deal.title }} and {{owner.email}}", "{{deal.titel}}", "a { b } c"])("accepts %j", (template) => {
    expect(templateSyntaxError(template)).toBeNull();
  });

  it.each([
    ["Call  {{deal.amount", "“{{deal.amount” is not closed: add “}}” after the variable's name"],
    ["{{deal.title {{deal.amount}}", "“{{deal.title {{deal.amount}}” is not closed: add “}}” after the variable's name"],
    ["{{ }}", "“{{}}” is not a variable: use a name such as {{deal.title}}"],
    ["{{deal title}}", "“{{deal title}}” is not a variable: use a name such as {{deal.title}}"],
    ["deal.title}}", "“}}” without a matching “{{”: remove it or complete the variable"],
  ])("refuses %j", (template, message) => {
    expect(templateSyntaxError(template)).toBe(message);
  });
});

describe("unknownVariableWarnings", () => {
  it("names each unknown variable once, with the path", () => {
    expect(unknownVariableWarnings("{{deal.titel}} {{deal.titel}} {{contact.name}}", "deal", "actions.0.config.subject")).toEqual([
      { path: "actions.0.config.subject", message: "Unknown variable {{deal.titel}}: deal events have no such value, so it would be left empty" },
      { path: "actions.0.config.subject", message: "Unknown variable {{contact.name}}: deal events have no such value, so it would be left empty" },
    ]);
  });

  it("accepts every variable the picker offers, and the entity's raw data", () => {
    for (const entity of ["deal", "contact", "organization", "activity"] as const) {
      const template = templateVariablesFor(entity).map((variable) => `{{${variable.path}}}`).join(" ");
      expect(unknownVariableWarnings(template, entity, "p")).toEqual([]);
    }
    expect(unknownVariableWarnings("{{entity.type}} {{entity.data.title}} {{previous.stage}}", "deal", "p")).toEqual([]);
    expect(unknownVariableWarnings("{{entity.data.titel}}", "deal", "p")).toHaveLength(1);
  });

  it("leaves malformed templates to the error", () => {
    expect(unknownVariableWarnings("{{deal.titel", "deal", "p")).toEqual([]);
  });
});
