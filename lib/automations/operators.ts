// The operator registry. The condition form lists `operatorsFor(fieldType)`, save-time validation
// calls `validate`, the engine calls `test`: one definition, so the three never drift apart.

import { FIELD_TYPES, type FieldType } from "./fields";
import {
  dayNumber,
  isEmptyValue,
  normalizeValue,
  parseDate,
  sameValue,
  toBoolean,
  toNumber,
  toText,
} from "./values";

export type ValueKind = "none" | "single" | "list" | "days";

export type OperatorContext = {
  actual: unknown;
  expected: unknown;
  previous: unknown;
  hasPrevious: boolean;
  fieldType: FieldType;
  now: Date;
};

export type OperatorDefinition = {
  id: string;
  label: string;
  /** Lower-case words for summaries: "Amount is greater than 10,000". */
  phrase: string;
  description: string;
  accepts: readonly FieldType[];
  valueKind: ValueKind;
  /** A user-readable error for a bad value, or null when the value is fine. */
  validate(value: unknown, fieldType: FieldType): string | null;
  /** Never throws: empty or mistyped values simply make the test false (see values.ts). */
  test(ctx: OperatorContext): boolean;
};

type OperatorSpec = Omit<OperatorDefinition, "validate">;

const MAX_LIST = 100;
const MAX_DAYS = 3650;
const MAX_TEXT = 500;
const TEXT: FieldType[] = ["text"];
const NUMBER: FieldType[] = ["number"];
const DATE: FieldType[] = ["date"];
const SCALAR: FieldType[] = ["text", "choice", "number"];
const COMPARABLE: FieldType[] = ["text", "choice", "number", "boolean"];
const ALL: FieldType[] = [...FIELD_TYPES];

function validateSingle(value: unknown, fieldType: FieldType): string | null {
  switch (fieldType) {
    case "number":
      return toNumber(value) === null ? "Enter a number" : null;
    case "date":
      return parseDate(value) === null ? "Enter a valid date (YYYY-MM-DD)" : null;
    case "boolean":
      return toBoolean(value) === null ? "Choose true or false" : null;
    default:
      if (typeof value === "number" && Number.isFinite(value)) return null;
      if (typeof value !== "string" || value.trim() === "") return "Enter a value";
      return value.length > MAX_TEXT ? `Values must be at most ${MAX_TEXT} characters` : null;
  }
}

function validateValue(kind: ValueKind, value: unknown, fieldType: FieldType): string | null {
  switch (kind) {
    case "none":
      // Ignored rather than rejected: a form switching operators may leave a stale value behind.
      return null;
    case "single":
      return validateSingle(value, fieldType);
    case "list": {
      if (!Array.isArray(value) || value.length === 0) return "Enter at least one value";
      if (value.length > MAX_LIST) return `Enter at most ${MAX_LIST} values`;
      for (let i = 0; i < value.length; i++) {
        const error = validateSingle(value[i], fieldType);
        if (error) return `Value ${i + 1}: ${error}`;
      }
      return null;
    }
    case "days": {
      const days = toNumber(value);
      return days === null || !Number.isInteger(days) || days < 1 || days > MAX_DAYS
        ? `Enter a whole number of days between 1 and ${MAX_DAYS}`
        : null;
    }
  }
}

/** true/false when both sides fit the type; null on a type mismatch. Empty actual is "not equal". */
function compareEqual(actual: unknown, expected: unknown, fieldType: FieldType): boolean | null {
  if (isEmptyValue(actual)) return false;
  const left = normalizeValue(actual, fieldType);
  const right = normalizeValue(expected, fieldType);
  return left === null || right === null ? null : left === right;
}

function testText(ctx: OperatorContext, fn: (actual: string, expected: string) => boolean, negate: boolean) {
  const actual = isEmptyValue(ctx.actual) ? "" : toText(ctx.actual);
  const expected = toText(ctx.expected);
  if (actual === null || !expected) return false;
  return fn(actual, expected) !== negate;
}

function testNumber(ctx: OperatorContext, fn: (actual: number, expected: number) => boolean) {
  const actual = toNumber(ctx.actual);
  const expected = toNumber(ctx.expected);
  return actual !== null && expected !== null && fn(actual, expected);
}

/** A date-only expected value compares calendar days (UTC); a date-time compares instants. */
function testDate(ctx: OperatorContext, sign: -1 | 0 | 1) {
  const actual = parseDate(ctx.actual);
  const expected = parseDate(ctx.expected);
  if (!actual || !expected) return false;
  const diff = sign === 0 || expected.dateOnly ? actual.day - expected.day : actual.time - expected.time;
  return Math.sign(diff) === sign;
}

function testWithinDays(ctx: OperatorContext, direction: -1 | 1) {
  const actual = parseDate(ctx.actual);
  const days = toNumber(ctx.expected);
  if (!actual || days === null || days < 0) return false;
  const offset = (actual.day - dayNumber(ctx.now)) * direction;
  return offset >= 0 && offset <= days;
}

function testInList(ctx: OperatorContext, negate: boolean) {
  if (!Array.isArray(ctx.expected)) return false;
  if (isEmptyValue(ctx.actual)) return negate;
  const actual = normalizeValue(ctx.actual, ctx.fieldType);
  if (actual === null) return false;
  const found = ctx.expected.some((item) => normalizeValue(item, ctx.fieldType) === actual);
  return found !== negate;
}

function hasChanged(ctx: OperatorContext) {
  return ctx.hasPrevious && !sameValue(ctx.actual, ctx.previous, ctx.fieldType);
}

const SPECS: OperatorSpec[] = [
  { id: "equals", label: "Is", phrase: "is", description: "The value equals the given value (case-insensitive).", accepts: SCALAR, valueKind: "single", test: (c) => compareEqual(c.actual, c.expected, c.fieldType) === true },
  { id: "not_equals", label: "Is not", phrase: "is not", description: "The value is different from the given value, or empty.", accepts: SCALAR, valueKind: "single", test: (c) => compareEqual(c.actual, c.expected, c.fieldType) === false },
  { id: "contains", label: "Contains", phrase: "contains", description: "The text contains the given text.", accepts: TEXT, valueKind: "single", test: (c) => testText(c, (a, e) => a.includes(e), false) },
  { id: "not_contains", label: "Does not contain", phrase: "does not contain", description: "The text does not contain the given text.", accepts: TEXT, valueKind: "single", test: (c) => testText(c, (a, e) => a.includes(e), true) },
  { id: "starts_with", label: "Starts with", phrase: "starts with", description: "The text starts with the given text.", accepts: TEXT, valueKind: "single", test: (c) => testText(c, (a, e) => a.startsWith(e), false) },
  { id: "ends_with", label: "Ends with", phrase: "ends with", description: "The text ends with the given text.", accepts: TEXT, valueKind: "single", test: (c) => testText(c, (a, e) => a.endsWith(e), false) },
  { id: "gt", label: "Is greater than", phrase: "is greater than", description: "The number is greater than the given number.", accepts: NUMBER, valueKind: "single", test: (c) => testNumber(c, (a, e) => a > e) },
  { id: "gte", label: "Is at least", phrase: "is at least", description: "The number is greater than or equal to the given number.", accepts: NUMBER, valueKind: "single", test: (c) => testNumber(c, (a, e) => a >= e) },
  { id: "lt", label: "Is less than", phrase: "is less than", description: "The number is less than the given number.", accepts: NUMBER, valueKind: "single", test: (c) => testNumber(c, (a, e) => a < e) },
  { id: "lte", label: "Is at most", phrase: "is at most", description: "The number is less than or equal to the given number.", accepts: NUMBER, valueKind: "single", test: (c) => testNumber(c, (a, e) => a <= e) },
  { id: "before", label: "Is before", phrase: "is before", description: "The date is before the given date.", accepts: DATE, valueKind: "single", test: (c) => testDate(c, -1) },
  { id: "after", label: "Is after", phrase: "is after", description: "The date is after the given date.", accepts: DATE, valueKind: "single", test: (c) => testDate(c, 1) },
  { id: "on", label: "Is on", phrase: "is on", description: "The date falls on the given calendar day (UTC).", accepts: DATE, valueKind: "single", test: (c) => testDate(c, 0) },
  { id: "within_last_days", label: "Is within the last … days", phrase: "is within the last", description: "The date is today or up to N days ago (UTC calendar days).", accepts: DATE, valueKind: "days", test: (c) => testWithinDays(c, -1) },
  { id: "within_next_days", label: "Is within the next … days", phrase: "is within the next", description: "The date is today or up to N days ahead (UTC calendar days).", accepts: DATE, valueKind: "days", test: (c) => testWithinDays(c, 1) },
  { id: "in_list", label: "Is one of", phrase: "is one of", description: "The value equals one of the given values.", accepts: SCALAR, valueKind: "list", test: (c) => testInList(c, false) },
  { id: "not_in_list", label: "Is none of", phrase: "is none of", description: "The value equals none of the given values, or is empty.", accepts: SCALAR, valueKind: "list", test: (c) => testInList(c, true) },
  { id: "is_empty", label: "Is empty", phrase: "is empty", description: "The value is missing or blank.", accepts: ALL, valueKind: "none", test: (c) => isEmptyValue(c.actual) },
  { id: "is_not_empty", label: "Is not empty", phrase: "is not empty", description: "The value is present and not blank.", accepts: ALL, valueKind: "none", test: (c) => !isEmptyValue(c.actual) },
  { id: "is_true", label: "Is true", phrase: "is true", description: "The value is true.", accepts: ["boolean"], valueKind: "none", test: (c) => toBoolean(c.actual) === true },
  { id: "is_false", label: "Is false", phrase: "is false", description: "The value is false (a missing value is neither).", accepts: ["boolean"], valueKind: "none", test: (c) => toBoolean(c.actual) === false },
  { id: "changed", label: "Changed", phrase: "changed", description: "The event changed this field.", accepts: ALL, valueKind: "none", test: hasChanged },
  { id: "changed_to", label: "Changed to", phrase: "changed to", description: "The event changed this field to the given value.", accepts: COMPARABLE, valueKind: "single", test: (c) => hasChanged(c) && compareEqual(c.actual, c.expected, c.fieldType) === true },
  { id: "changed_from", label: "Changed from", phrase: "changed from", description: "The event changed this field from the given value.", accepts: COMPARABLE, valueKind: "single", test: (c) => hasChanged(c) && compareEqual(c.previous, c.expected, c.fieldType) === true },
];

export const OPERATORS: readonly OperatorDefinition[] = SPECS.map((spec) => ({
  ...spec,
  validate(value: unknown, fieldType: FieldType) {
    if (!spec.accepts.includes(fieldType)) return `“${spec.label}” cannot be used with ${fieldType} fields`;
    return validateValue(spec.valueKind, value, fieldType);
  },
}));

export const OPERATOR_IDS = OPERATORS.map((operator) => operator.id);

const OPERATOR_INDEX = new Map(OPERATORS.map((operator) => [operator.id, operator]));

export function getOperator(id: string): OperatorDefinition | undefined {
  return OPERATOR_INDEX.get(id);
}

export function operatorsFor(fieldType: FieldType): OperatorDefinition[] {
  return OPERATORS.filter((operator) => operator.accepts.includes(fieldType));
}
