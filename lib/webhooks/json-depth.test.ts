import { describe, expect, it } from "vitest";
import { jsonDepthExceeds } from "./json-depth";

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
