import { describe, expect, it } from "vitest";
import { jsonDepthExceeds, scanJsonText } from "./json-depth";

const nested = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth - 1) + "{}" + "}".repeat(depth - 1);

describe("jsonDepthExceeds", () => {
  it.each<[string, string, number | undefined, boolean]>([
    ["flat object", '{"a":1}', undefined, false],
    ["scalar", "42", undefined, false],
    ["empty", "", undefined, false],
    ["32 arrays", nested(32), undefined, false],
    ["33 arrays", nested(33), undefined, true],
    ["32 objects", nestedObjects(32), undefined, false],
    ["33 objects", nestedObjects(33), undefined, true],
    ["mixed 33", "[{".repeat(16) + "[" + "}]".repeat(16) + "]", undefined, true],
    ["siblings do not add up", `[${Array(100).fill(nested(30)).join(",")}]`, undefined, false],
    ["brackets inside strings ignored", JSON.stringify({ s: "[".repeat(100) + "{".repeat(100) }), undefined, false],
    ["escaped quote keeps string open", JSON.stringify({ s: '\\"[[[[' + "[".repeat(40) }), undefined, false],
    ["escaped backslash closes string", `{"s":"\\\\"}`, undefined, false],
    ["after an escaped backslash, brackets count again", `["\\\\",${nested(32)}]`, undefined, true],
    ["custom max 2 ok", "[[1]]", 2, false],
    ["custom max 2 exceeded", "[[[1]]]", 2, true],
    ["100k deep", nested(100_000), undefined, true],
  ])("%s", (_, text, max, exceeds) => {
    expect(max === undefined ? jsonDepthExceeds(text) : jsonDepthExceeds(text, max)).toBe(exceeds);
  });

  it("agrees with JSON.parse on what the depth is", () => {
    const text = JSON.stringify({ a: [{ b: ["x]]]", { c: "{{{" }] }] });
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonDepthExceeds(text, 5)).toBe(false);
    expect(jsonDepthExceeds(text, 4)).toBe(true);
  });
});

describe("scanJsonText: escapes PostgreSQL cannot store", () => {
  it.each<[string, string, boolean]>([
    ["plain text", '{"a":"b"}', false],
    ["a NUL escape", '{"a":"\\u0000"}', true],
    ["a NUL escape in a key", '{"\\u0000":1}', true],
    ["an escaped backslash before u0000 is text", '{"a":"\\\\u0000"}', false],
    ["a surrogate pair", '{"a":"\\ud83d\\ude00"}', false],
    ["a surrogate pair in capitals", '{"a":"\\uD83D\\uDE00"}', false],
    ["a lone high surrogate", '{"a":"\\ud800"}', true],
    ["a lone high surrogate at the end of the text", '"\\ud800', true],
    ["a high surrogate before a plain escape", '{"a":"\\ud800\\u0041"}', true],
    ["a lone low surrogate", '{"a":"\\udc00"}', true],
    ["two high surrogates", '{"a":"\\ud800\\ud800"}', true],
    ["other escapes", '{"a":"\\u0001\\u00e9\\n\\"\\/"}', false],
    ["u0000 outside a string is not an escape", '[1]', false],
  ])("%s", (_, text, flagged) => {
    expect(scanJsonText(text).unstorableEscape).toBe(flagged);
  });

  it("still measures depth after an escape", () => {
    expect(scanJsonText(`["\\ud83d\\ude00",${"[".repeat(32)}${"]".repeat(32)}]`).tooDeep).toBe(true);
  });
});
