import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const headers = (init: Record<string, string>) => new Headers(init);

describe("clientIp", () => {
  it("believes no header without trusted proxies: per-address limits are off, not spoofable", () => {
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.9" }), 0)).toBeNull();
    expect(clientIp(headers({ "x-real-ip": "198.51.100.4" }), 0)).toBeNull();
    expect(clientIp(headers({}), 0)).toBeNull();
  });

  it.each([
    // One proxy appends the address it saw: whatever the client sent sits to its left.
    [1, "6.6.6.6, 203.0.113.9", "203.0.113.9"],
    [1, "203.0.113.9", "203.0.113.9"],
    [1, "1.1.1.1,2.2.2.2 , 203.0.113.9", "203.0.113.9"],
    // Two proxies: the outer one's entry is second from the right; the inner one added the outer's.
    [2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"],
    [2, "203.0.113.9, 10.0.0.2", "203.0.113.9"],
  ])("with %i trusted proxies, %s → %s", (count, forwarded, expected) => {
    expect(clientIp(headers({ "x-forwarded-for": forwarded }), count)).toBe(expected);
  });

  it("gives no address when fewer entries arrived than there are proxies", () => {
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.9" }), 2)).toBeNull();
    expect(clientIp(headers({}), 1)).toBeNull();
    expect(clientIp(headers({ "x-forwarded-for": " , " }), 1)).toBeNull();
  });

  it("bounds what it keeps", () => {
    expect(clientIp(headers({ "x-forwarded-for": "x".repeat(500) }), 1)).toHaveLength(64);
  });
});
