import { describe, expect, it } from "vitest";
import { FIELD_TYPES, type FieldType } from "./fields";
import { OPERATORS, getOperator, operatorsFor } from "./operators";

const now = new Date("2026-11-25T10:00:00Z");
const NO_PREVIOUS = Symbol("no previous");

/** [operator, field type, actual, expected, result, previous?] */
type Case = [string, FieldType, unknown, unknown, boolean, unknown?];

function test(id: string, fieldType: FieldType, actual: unknown, expected: unknown, previous: unknown = NO_PREVIOUS) {
  const operator = getOperator(id);
  if (!operator) throw new Error(`no operator ${id}`);
  const hasPrevious = previous !== NO_PREVIOUS;
  return operator.test({ actual, expected, previous: hasPrevious ? previous : undefined, hasPrevious, fieldType, now });
}

const CASES: Case[] = [
  // equals / not_equals: text, choice, number
  ["equals", "text", "Acme", "acme", true],
  ["equals", "text", "  Acme ", "ACME", true],
  ["equals", "text", "Acme Inc", "acme", false],
  ["equals", "text", undefined, "acme", false],
  ["equals", "text", null, "acme", false],
  ["equals", "text", "", "acme", false],
  ["equals", "text", { name: "acme" }, "acme", false],
  ["equals", "text", 42, "42", true],
  ["equals", "choice", "Negotiation", "negotiation", true],
  ["equals", "choice", "proposal", "negotiation", false],
  ["equals", "choice", undefined, "negotiation", false],
  ["equals", "number", 12000, 12000, true],
  ["equals", "number", "12000", 12000, true],
  ["equals", "number", 12000, "12000.0", true],
  ["equals", "number", 12001, 12000, false],
  ["equals", "number", "abc", 12000, false],
  ["equals", "number", null, 0, false],
  ["not_equals", "text", "Acme", "other", true],
  ["not_equals", "text", "Acme", "ACME", false],
  ["not_equals", "text", undefined, "acme", true],
  ["not_equals", "text", ["acme"], "acme", false],
  ["not_equals", "choice", "won", "lost", true],
  ["not_equals", "choice", "lost", "Lost", false],
  ["not_equals", "choice", null, "lost", true],
  ["not_equals", "number", 5, 6, true],
  ["not_equals", "number", "5", 5, false],
  ["not_equals", "number", "abc", 5, false],
  // contains / not_contains / starts_with / ends_with: text
  ["contains", "text", "From the Website form", "web", true],
  ["contains", "text", "Referral", "web", false],
  ["contains", "text", undefined, "web", false],
  ["contains", "text", null, "web", false],
  ["contains", "text", { a: "web" }, "web", false],
  ["contains", "text", 12345, "234", true],
  ["not_contains", "text", "Referral", "web", true],
  ["not_contains", "text", "Website", "WEB", false],
  ["not_contains", "text", "", "web", true],
  ["not_contains", "text", null, "web", true],
  ["not_contains", "text", { a: 1 }, "web", false],
  ["starts_with", "text", "Acme renewal", "acme", true],
  ["starts_with", "text", "New Acme", "acme", false],
  ["starts_with", "text", undefined, "acme", false],
  ["starts_with", "text", true, "tr", true],
  ["ends_with", "text", "Acme renewal", "RENEWAL ", true],
  ["ends_with", "text", "Acme renewal", "acme", false],
  ["ends_with", "text", null, "acme", false],
  ["ends_with", "text", [1], "1", false],
  // gt / gte / lt / lte: number
  ["gt", "number", 12000, 10000, true],
  ["gt", "number", "12000", "10000", true],
  ["gt", "number", 10000, 10000, false],
  ["gt", "number", "abc", 5, false],
  ["gt", "number", undefined, 5, false],
  ["gt", "number", null, -1, false],
  ["gt", "number", "", -1, false],
  ["gt", "number", true, 0, false],
  ["gte", "number", 10000, 10000, true],
  ["gte", "number", 9999.5, 10000, false],
  ["gte", "number", "1e4", 10000, true],
  ["gte", "number", null, 0, false],
  ["lt", "number", -5, 0, true],
  ["lt", "number", 0, 0, false],
  ["lt", "number", "12,000", 20000, false],
  ["lt", "number", undefined, 1, false],
  ["lte", "number", 0, 0, true],
  ["lte", "number", " 3 ", 2, false],
  ["lte", "number", Number.NaN, 2, false],
  ["lte", "number", null, 0, false],
  // before / after / on: date
  ["before", "date", "2026-11-30", "2026-12-01", true],
  ["before", "date", "2026-12-01T23:59:00Z", "2026-12-01", false],
  ["before", "date", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", true],
  ["before", "date", "not a date", "2026-12-01", false],
  ["before", "date", "2026-02-30", "2026-12-01", false],
  ["before", "date", undefined, "2026-12-01", false],
  ["before", "date", null, "2026-12-01", false],
  ["before", "date", 1_700_000_000_000, "2026-12-01", false],
  ["after", "date", "2026-12-02", "2026-12-01", true],
  ["after", "date", "2026-12-01T10:00:00Z", "2026-12-01", false],
  ["after", "date", "2026-12-01T10:00:01+00:00", "2026-12-01T10:00:00Z", true],
  ["after", "date", "", "2026-12-01", false],
  ["on", "date", "2026-12-01T23:59:59Z", "2026-12-01", true],
  ["on", "date", "2026-12-01", "2026-12-01T08:00:00Z", true],
  // Same day of month, different month: "on" compares calendar dates, not day numbers.
  ["on", "date", "2026-11-01", "2026-12-01", false],
  ["on", "date", "2026-12-02T00:30:00+02:00", "2026-12-01", true],
  ["on", "date", "yesterday", "2026-12-01", false],
  ["on", "date", null, "2026-12-01", false],
  // within_last_days / within_next_days: date, UTC calendar days relative to `now` (2026-11-25)
  ["within_last_days", "date", "2026-11-25T00:00:00Z", 7, true],
  ["within_last_days", "date", "2026-11-18", 7, true],
  ["within_last_days", "date", "2026-11-17", 7, false],
  ["within_last_days", "date", "2026-11-26", 7, false],
  ["within_last_days", "date", "garbage", 7, false],
  ["within_last_days", "date", undefined, 7, false],
  ["within_next_days", "date", "2026-11-25", 2, true],
  ["within_next_days", "date", "2026-11-27T23:00:00Z", 2, true],
  ["within_next_days", "date", "2026-11-28", 2, false],
  ["within_next_days", "date", "2026-11-24", 2, false],
  ["within_next_days", "date", null, 2, false],
  // in_list / not_in_list: text, choice, number
  ["in_list", "text", "Web", ["web", "referral"], true],
  ["in_list", "text", "Event", ["web", "referral"], false],
  ["in_list", "text", undefined, ["web"], false],
  ["in_list", "text", { x: 1 }, ["web"], false],
  ["in_list", "choice", "NEGOTIATION", ["proposal", "negotiation"], true],
  ["in_list", "choice", "lead", ["proposal", "negotiation"], false],
  ["in_list", "choice", null, ["proposal"], false],
  ["in_list", "number", "3", [1, 2, 3], true],
  ["in_list", "number", 4, ["1", "2", "3"], false],
  ["in_list", "number", "abc", [1], false],
  ["not_in_list", "text", "Event", ["web", "referral"], true],
  ["not_in_list", "text", "WEB", ["web"], false],
  ["not_in_list", "text", "", ["web"], true],
  ["not_in_list", "choice", "lost", ["won"], true],
  ["not_in_list", "choice", "won", ["won"], false],
  ["not_in_list", "number", 4, [1, 2, 3], true],
  ["not_in_list", "number", "abc", [1], false],
  ["not_in_list", "number", undefined, [1], true],
  // is_empty / is_not_empty: all types
  ...FIELD_TYPES.flatMap((type): Case[] => [
    ["is_empty", type, undefined, undefined, true],
    ["is_empty", type, null, undefined, true],
    ["is_empty", type, "", undefined, true],
    ["is_empty", type, "   ", undefined, true],
    ["is_not_empty", type, undefined, undefined, false],
    ["is_not_empty", type, null, undefined, false],
  ]),
  ["is_empty", "text", "x", undefined, false],
  ["is_empty", "number", 0, undefined, false],
  ["is_empty", "boolean", false, undefined, false],
  ["is_empty", "date", "2026-01-01", undefined, false],
  ["is_empty", "choice", "lead", undefined, false],
  ["is_not_empty", "text", "x", undefined, true],
  ["is_not_empty", "number", 0, undefined, true],
  ["is_not_empty", "boolean", false, undefined, true],
  ["is_not_empty", "date", "2026-01-01", undefined, true],
  ["is_not_empty", "choice", "lead", undefined, true],
  // is_true / is_false: boolean
  ["is_true", "boolean", true, undefined, true],
  ["is_true", "boolean", "TRUE", undefined, true],
  ["is_true", "boolean", false, undefined, false],
  ["is_true", "boolean", 1, undefined, true],
  ["is_true", "boolean", 2, undefined, false],
  ["is_false", "boolean", 0, undefined, true],
  ["is_false", "boolean", "0", undefined, true],
  ["is_true", "boolean", undefined, undefined, false],
  ["is_true", "boolean", null, undefined, false],
  ["is_false", "boolean", false, undefined, true],
  ["is_false", "boolean", "false", undefined, true],
  ["is_false", "boolean", true, undefined, false],
  ["is_false", "boolean", undefined, undefined, false],
  ["is_false", "boolean", null, undefined, false],
  ["is_false", "boolean", "no", undefined, false],
  // changed: all types; needs the key in `previous`
  ["changed", "text", "Acme 2", undefined, true, "Acme"],
  ["changed", "text", "Acme", undefined, false, " acme "],
  ["changed", "text", "Acme", undefined, false],
  ["changed", "text", undefined, undefined, true, "Acme"],
  ["changed", "text", null, undefined, false, ""],
  ["changed", "choice", "negotiation", undefined, true, "proposal"],
  ["changed", "choice", "negotiation", undefined, false, "negotiation"],
  ["changed", "number", 12000, undefined, true, 10000],
  ["changed", "number", "12000", undefined, false, 12000],
  ["changed", "number", 5, undefined, false],
  ["changed", "date", "2026-12-01", undefined, true, "2026-11-01"],
  ["changed", "date", "2026-12-01T00:00:00Z", undefined, false, "2026-12-01"],
  ["changed", "boolean", true, undefined, true, false],
  ["changed", "boolean", true, undefined, true, null],
  ["changed", "boolean", true, undefined, false, "true"],
  // changed_to / changed_from: text, choice, number, boolean
  ["changed_to", "text", "Web", "web", true, "Referral"],
  ["changed_to", "text", "Web", "web", false, "WEB"],
  ["changed_to", "text", "Web", "web", false],
  ["changed_to", "text", null, "web", false, "web"],
  ["changed_to", "choice", "negotiation", "Negotiation", true, "proposal"],
  ["changed_to", "choice", "negotiation", "lead", false, "proposal"],
  ["changed_to", "number", "20", 20, true, 10],
  ["changed_to", "number", "abc", 20, false, 10],
  ["changed_to", "boolean", true, true, true, false],
  ["changed_to", "boolean", false, true, false, true],
  ["changed_from", "text", "Web", "referral", true, "Referral"],
  ["changed_from", "text", "Web", "referral", false],
  ["changed_from", "choice", "negotiation", "proposal", true, "Proposal"],
  ["changed_from", "choice", "negotiation", "lead", false, "proposal"],
  ["changed_from", "choice", "negotiation", "proposal", false, undefined],
  ["changed_from", "number", 20, 10, true, "10"],
  ["changed_from", "number", 20, 10, false, "abc"],
  ["changed_from", "boolean", true, false, true, false],
  ["changed_from", "boolean", true, false, false, null],
];

describe("operators: test()", () => {
  it.each(CASES)("%s on %s: %j vs %j → %s", (id, fieldType, actual, expected, result, ...rest) => {
    const previous = rest.length > 0 ? rest[0] : NO_PREVIOUS;
    expect(test(id, fieldType, actual, expected, previous)).toBe(result);
  });

  it("covers every operator on every field type it accepts, both true and false", () => {
    const seen = new Map<string, Set<boolean>>();
    for (const [id, type, , , result] of CASES) {
      const key = `${id}/${type}`;
      seen.set(key, (seen.get(key) ?? new Set()).add(result));
    }
    const missing = OPERATORS.flatMap((operator) =>
      operator.accepts
        .filter((type) => seen.get(`${operator.id}/${type}`)?.size !== 2)
        .map((type) => `${operator.id}/${type}`),
    );
    expect(missing).toEqual([]);
  });

  const WEIRD = [undefined, null, "", "abc", Number.NaN, Infinity, {}, [], [1, 2], { toString: null }, Object.create(null), true];
  it.each(OPERATORS.map((operator) => [operator.id, operator] as const))("%s never throws on odd values", (_, operator) => {
    for (const fieldType of FIELD_TYPES) {
      for (const actual of WEIRD) {
        for (const expected of WEIRD) {
          const result = operator.test({ actual, expected, previous: actual, hasPrevious: true, fieldType, now });
          expect(typeof result).toBe("boolean");
        }
      }
    }
  });
});

/** [operator, field type, value, expected error (null = valid)] */
const VALIDATIONS: [string, FieldType, unknown, string | null][] = [
  ["equals", "text", "acme", null],
  ["equals", "text", "  ", "Enter a value"],
  ["equals", "text", undefined, "Enter a value"],
  ["equals", "text", "x".repeat(501), "Values must be at most 500 characters"],
  ["equals", "choice", "negotiation", null],
  ["equals", "number", "12000", null],
  ["equals", "number", "twelve", "Enter a number"],
  ["equals", "date", "2026-12-01", "“Is” cannot be used with date fields"],
  ["contains", "number", "1", "“Contains” cannot be used with number fields"],
  ["gt", "number", 10000, null],
  ["gt", "number", null, "Enter a number"],
  ["gt", "text", 5, "“Is greater than” cannot be used with text fields"],
  ["before", "date", "2026-12-01", null],
  ["before", "date", "2026-12-01T10:00:00Z", null],
  ["before", "date", "2026-13-01", "Enter a valid date (YYYY-MM-DD)"],
  ["on", "date", "tomorrow", "Enter a valid date (YYYY-MM-DD)"],
  ["within_last_days", "date", 7, null],
  ["within_last_days", "date", "7", null],
  ["within_last_days", "date", 0, "Enter a whole number of days between 1 and 3650"],
  ["within_next_days", "date", 1.5, "Enter a whole number of days between 1 and 3650"],
  ["within_next_days", "date", 3651, "Enter a whole number of days between 1 and 3650"],
  ["in_list", "choice", ["proposal", "negotiation"], null],
  ["in_list", "choice", [], "Enter at least one value"],
  ["in_list", "choice", "proposal", "Enter at least one value"],
  ["in_list", "number", [1, "x"], "Value 2: Enter a number"],
  ["not_in_list", "text", Array.from({ length: 101 }, (_, i) => `v${i}`), "Enter at most 100 values"],
  ["is_empty", "date", undefined, null],
  ["is_not_empty", "boolean", undefined, null],
  ["is_true", "boolean", undefined, null],
  ["is_true", "text", undefined, "“Is true” cannot be used with text fields"],
  ["is_false", "boolean", null, null],
  ["changed", "date", undefined, null],
  ["changed_to", "boolean", true, null],
  ["changed_to", "boolean", "maybe", "Choose true or false"],
  ["changed_to", "date", "2026-12-01", "“Changed to” cannot be used with date fields"],
  ["changed_from", "choice", "", "Enter a value"],
];

describe("operators: validate()", () => {
  it.each(VALIDATIONS)("%s on %s with %j → %s", (id, fieldType, value, error) => {
    expect(getOperator(id)!.validate(value, fieldType)).toBe(error);
  });

  // Generated so a new operator or field type cannot slip in without validation coverage.
  const VALID: Record<FieldType, unknown> = { text: "acme", choice: "lead", number: 5, date: "2026-12-01", boolean: true };
  const INVALID: Record<FieldType, unknown> = { text: " ", choice: "", number: "five", date: "2026-02-30", boolean: "maybe" };
  const generated = OPERATORS.flatMap((operator) =>
    operator.accepts.flatMap((type) => {
      const valid = { none: undefined, single: VALID[type], list: [VALID[type]], days: 7 }[operator.valueKind];
      const invalid = { none: null, single: INVALID[type], list: [VALID[type], INVALID[type]], days: -1 }[operator.valueKind];
      const rows: [string, FieldType, unknown, boolean][] = [[operator.id, type, valid, true]];
      if (operator.valueKind !== "none") rows.push([operator.id, type, invalid, false]);
      return rows;
    }),
  );
  const rejected = OPERATORS.flatMap((operator) =>
    FIELD_TYPES.filter((type) => !operator.accepts.includes(type)).map((type) => [operator.id, type] as const),
  );

  it.each(generated.filter(([, , , valid]) => valid))("%s on %s accepts %j", (id, type, value) => {
    expect(getOperator(id)!.validate(value, type)).toBeNull();
  });

  it.each(generated.filter(([, , , valid]) => !valid))("%s on %s rejects %j", (id, type, value) => {
    expect(getOperator(id)!.validate(value, type)).toMatch(/^(Enter|Value|Choose)/);
  });

  it.each(rejected)("%s refuses %s fields", (id, type) => {
    expect(getOperator(id)!.validate(undefined, type)).toMatch(/cannot be used with/);
  });
});

describe("operator registry", () => {
  it("lists operators by field type", () => {
    expect(operatorsFor("boolean").map((o) => o.id)).toEqual([
      "is_empty", "is_not_empty", "is_true", "is_false", "changed", "changed_to", "changed_from",
    ]);
    expect(operatorsFor("date").map((o) => o.id)).toContain("within_next_days");
    expect(operatorsFor("text").map((o) => o.id)).not.toContain("gt");
  });

  it("returns undefined for an unknown operator id", () => {
    expect(getOperator("matches_regex")).toBeUndefined();
  });

  it("has unique ids and a label, phrase and description for each", () => {
    expect(new Set(OPERATORS.map((o) => o.id)).size).toBe(OPERATORS.length);
    for (const operator of OPERATORS) {
      expect(operator.label && operator.phrase && operator.description).toBeTruthy();
    }
  });
});
