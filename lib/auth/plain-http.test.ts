import { describe, expect, it } from "vitest";
import { PLAIN_HTTP_SIGN_IN, plainHttpProblem } from "./plain-http";

const headers = (init: Record<string, string>) => new Headers(init);

describe("plainHttpProblem", () => {
  it.each([
    ["http://crm.example.test", PLAIN_HTTP_SIGN_IN],
    ["http://10.0.0.5:3000", PLAIN_HTTP_SIGN_IN],
    ["https://crm.example.test", null],
    ["http://localhost:3000", null],
    ["http://127.0.0.1:3100", null],
    ["http://[::1]:3000", null],
    ["http://app.localhost", null],
    ["not a url", null],
  ])("in production, a sign-in from %s → %s", (origin, expected) => {
    expect(plainHttpProblem(headers({ origin }), "production")).toBe(expected);
  });

  it("falls back to the Referer, and says nothing without either or outside production", () => {
    expect(plainHttpProblem(headers({ referer: "http://crm.example.test/sign-in" }), "production")).toBe(PLAIN_HTTP_SIGN_IN);
    expect(plainHttpProblem(headers({}), "production")).toBeNull();
    expect(plainHttpProblem(headers({ origin: "http://crm.example.test" }), "development")).toBeNull();
  });
});
