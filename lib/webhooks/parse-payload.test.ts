import { describe, expect, it } from "vitest";
import { assertJsonContentType, parseJsonBody } from "./parse-payload";
import { WebhookRejection } from "./rejection";

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof WebhookRejection ? error.reason : String(error);
  }
}

const enc = (text: string) => new TextEncoder().encode(text);

describe("assertJsonContentType", () => {
  it.each([
    ["application/json", undefined],
    ["application/json; charset=utf-8", undefined],
    ["Application/JSON", undefined],
    ["application/cloudevents+json", undefined],
    ["text/plain", "unsupported_media_type"],
    ["application/x-www-form-urlencoded", "unsupported_media_type"],
    ["application/jsonp", "unsupported_media_type"],
  ])("%s → %s", (type, expected) => {
    expect(reason(() => assertJsonContentType(new Headers({ "content-type": type })))).toBe(expected);
  });
});

describe("parseJsonBody", () => {
  it("parses JSON at the depth limit and refuses one level more", () => {
    expect(parseJsonBody(enc(`${"[".repeat(32)}${"]".repeat(32)}`))).toBeInstanceOf(Array);
    expect(reason(() => parseJsonBody(enc(`${"[".repeat(33)}${"]".repeat(33)}`)))).toBe("too_deep");
  });

  it("refuses invalid JSON and invalid UTF-8 with their own reasons", () => {
    expect(reason(() => parseJsonBody(enc("{nope")))).toBe("invalid_json");
    expect(reason(() => parseJsonBody(new Uint8Array([0x22, 0xff, 0x22])))).toBe("invalid_encoding");
  });
});
