import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it.each([
    ["/settings/automations", "/settings/automations"],
    ["/activities", "/activities"],
    ["/settings/automations?status=active&page=2", "/settings/automations?status=active&page=2"],
    ["/settings/logs#run-3", "/settings/logs#run-3"],
    ["/settings/../activities", "/activities"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    ["an absolute URL", "https://evil.test/steal"],
    ["a protocol-relative URL", "//evil.test/steal"],
    ["a backslash that browsers read as a slash", "/\\evil.test"],
    ["a backslash later on", "/settings\\..\\evil"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "settings/automations"],
    ["a tab inside the authority", "/\t/evil.test"],
    ["a newline", "/settings\n/x"],
    ["the sign-in page itself", "/sign-in?next=/x"],
    ["the sign-up page", "/sign-up"],
    ["nothing", ""],
    ["a very long value", `/${"a".repeat(3000)}`],
    ["a non-string", 42],
    ["undefined", undefined],
  ])("falls back for %s", (_label, input) => {
    expect(safeNextPath(input)).toBe("/settings/automations");
    expect(safeNextPath(input, "")).toBe("");
  });
});
