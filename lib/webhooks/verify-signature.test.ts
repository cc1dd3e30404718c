import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { generateWebhookSecret } from "./secrets";
import { WebhookRejection } from "./rejection";
import { signWebhook, verifyBearer, verifyStandardWebhook } from "./verify-signature";

const now = new Date("2026-11-25T10:00:00Z");
const ts = Math.floor(now.getTime() / 1000);
const secret = generateWebhookSecret();
const body = '{"type":"deal.updated","entity":{"id":"D-1"}}';
const bytes = new TextEncoder().encode(body);

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

function signed(overrides: Record<string, string> = {}, signingSecret = secret, timestamp = ts) {
  return headers({
    "webhook-id": "msg_1",
    "webhook-timestamp": String(timestamp),
    "webhook-signature": new Webhook(signingSecret).sign("msg_1", new Date(timestamp * 1000), body),
    ...overrides,
  });
}

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof WebhookRejection) return `${error.status} ${error.reason}`;
    throw error;
  }
}

describe("verifyStandardWebhook", () => {
  it("accepts what the reference implementation signs, and returns the webhook-id", () => {
    expect(verifyStandardWebhook({ body: bytes, headers: signed(), secrets: [secret], now })).toBe("msg_1");
  });

  it("signs exactly as the reference implementation does", () => {
    expect(signWebhook(secret, "msg_1", ts, body)).toBe(new Webhook(secret).sign("msg_1", new Date(ts * 1000), body));
  });

  it.each([
    ["300 s old", ts - 300, undefined],
    ["300 s ahead", ts + 300, undefined],
    ["301 s old", ts - 301, "401 timestamp_out_of_tolerance"],
    ["301 s ahead", ts + 301, "401 timestamp_out_of_tolerance"],
  ])("a timestamp %s → %s", (_, timestamp, expected) => {
    expect(reason(() => verifyStandardWebhook({ body: bytes, headers: signed({}, secret, timestamp), secrets: [secret], now }))).toBe(expected);
  });

  it("names the missing headers", () => {
    const h = signed();
    h.delete("webhook-signature");
    h.delete("webhook-id");
    expect(() => verifyStandardWebhook({ body: bytes, headers: h, secrets: [secret], now })).toThrow(
      "Missing the webhook-id, webhook-signature headers (Standard Webhooks)",
    );
  });

  it.each<[string, () => Parameters<typeof verifyStandardWebhook>[0], string]>([
    ["one byte changed", () => ({ body: new TextEncoder().encode(body.replace("D-1", "D-2")), headers: signed(), secrets: [secret], now }), "401 invalid_signature"],
    ["another secret", () => ({ body: bytes, headers: signed({}, generateWebhookSecret()), secrets: [secret], now }), "401 invalid_signature"],
    ["another id", () => ({ body: bytes, headers: signed({ "webhook-id": "msg_2" }), secrets: [secret], now }), "401 invalid_signature"],
    ["a v2 signature only", () => ({ body: bytes, headers: signed({ "webhook-signature": `v2,${signWebhook(secret, "msg_1", ts, body).slice(3)}` }), secrets: [secret], now }), "401 invalid_signature"],
    ["garbage", () => ({ body: bytes, headers: signed({ "webhook-signature": "v1,%%%" }), secrets: [secret], now }), "401 invalid_signature"],
    ["a non-numeric timestamp", () => ({ body: bytes, headers: signed({ "webhook-timestamp": "soon" }), secrets: [secret], now }), "401 timestamp_out_of_tolerance"],
    ["an over-long id", () => ({ body: bytes, headers: signed({ "webhook-id": "x".repeat(256) }), secrets: [secret], now }), "400 invalid_webhook_id"],
  ])("rejects %s", (_, params, expected) => {
    expect(reason(() => verifyStandardWebhook(params()))).toBe(expected);
  });

  it("accepts any of several signatures against any valid secret (rotation)", () => {
    const previous = generateWebhookSecret();
    const both = `v1,${Buffer.alloc(32).toString("base64")} ${signWebhook(previous, "msg_1", ts, body)}`;
    expect(verifyStandardWebhook({ body: bytes, headers: signed({ "webhook-signature": both }), secrets: [secret, previous], now })).toBe("msg_1");
    expect(reason(() => verifyStandardWebhook({ body: bytes, headers: signed({ "webhook-signature": both }), secrets: [secret], now }))).toBe("401 invalid_signature");
  });

  it("verifies the raw bytes, not a re-decoded string", () => {
    // Invalid UTF-8 would decode to U+FFFD; the signature must be over the bytes as sent.
    const raw = new Uint8Array([0x7b, 0xff, 0x7d]);
    const signature = signWebhook(secret, "msg_1", ts, raw);
    const h = signed({ "webhook-signature": signature });
    expect(verifyStandardWebhook({ body: raw, headers: h, secrets: [secret], now })).toBe("msg_1");
    expect(reason(() => verifyStandardWebhook({ body: new TextEncoder().encode("{\uFFFD}"), headers: h, secrets: [secret], now }))).toBe("401 invalid_signature");
  });
});

describe("verifyBearer", () => {
  it.each([
    [`Bearer ${secret}`, undefined],
    [`bearer ${secret}`, undefined],
    [`Bearer ${secret}x`, "401 invalid_authorization"],
    ["Bearer short", "401 invalid_authorization"],
    [`Basic ${secret}`, "401 missing_authorization"],
    ["", "401 missing_authorization"],
  ])("%s → %s", (authorization, expected) => {
    const h = authorization ? headers({ authorization }) : headers({});
    expect(reason(() => verifyBearer(h, [secret]))).toBe(expected);
  });

  it("accepts the previous secret while it is valid", () => {
    const previous = generateWebhookSecret();
    expect(reason(() => verifyBearer(headers({ authorization: `Bearer ${previous}` }), [secret, previous]))).toBeUndefined();
  });
});
