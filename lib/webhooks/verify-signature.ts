// Step 2: who sent it. Standard Webhooks (HMAC-SHA256 over "{id}.{timestamp}.{raw body}") for
// native sources; a bearer token for Supabase Database Webhooks, which cannot sign.
//
// Written on node:crypto rather than the `standardwebhooks` package (our tests cross-check against
// it): the package reads Date.now() itself, so the route's clock could not be passed in, and it
// hashes in JavaScript and over a decoded string rather than the raw bytes.

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { MAX_WEBHOOK_ID_LENGTH, TIMESTAMP_TOLERANCE_SECONDS } from "./limits";
import { WebhookRejection } from "./rejection";

const SECRET_PREFIX = "whsec_";
const SIGNATURE_BYTES = 32;

export type VerifyParams = {
  body: Uint8Array;
  headers: Headers;
  /** Every secret that may have signed: the current one and, during a rotation, the previous one. */
  secrets: readonly string[];
  now: Date;
};

/** The HMAC key a `whsec_<base64>` secret stands for. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** The raw HMAC of one message: what `v1,<base64>` carries. */
export function signatureBytes(secret: string, id: string, timestamp: string | number, body: Uint8Array | string): Buffer {
  return createHmac("sha256", secretKey(secret)).update(`${id}.${timestamp}.`).update(body).digest();
}

function readSignatureHeaders(headers: Headers) {
  const id = headers.get("webhook-id");
  const timestamp = headers.get("webhook-timestamp");
  const signature = headers.get("webhook-signature");
  const missing = [
    id ? null : "webhook-id",
    timestamp ? null : "webhook-timestamp",
    signature ? null : "webhook-signature",
  ].filter((name): name is string => name !== null);
  if (missing.length > 0) {
    throw new WebhookRejection("unauthenticated", "missing_signature_headers", `Missing the ${missing.join(", ")} header${missing.length > 1 ? "s" : ""} (Standard Webhooks)`);
  }
  return { id: id!, timestamp: timestamp!, signature: signature! };
}

function checkTimestamp(timestamp: string, now: Date): void {
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new WebhookRejection("unauthenticated", "timestamp_out_of_tolerance", "webhook-timestamp must be a Unix time in seconds");
  }
  const skew = Math.floor(now.getTime() / 1000) - Number(timestamp);
  if (Math.abs(skew) > TIMESTAMP_TOLERANCE_SECONDS) {
    const direction = skew > 0 ? "in the past" : "in the future";
    throw new WebhookRejection(
      "unauthenticated",
      "timestamp_out_of_tolerance",
      `webhook-timestamp is ${Math.abs(skew)} s ${direction}; at most ${TIMESTAMP_TOLERANCE_SECONDS} s is accepted`,
    );
  }
}

/** The `v1,<base64>` entries of a webhook-signature header, decoded; other versions are ignored. */
function candidateSignatures(header: string): Buffer[] {
  const out: Buffer[] = [];
  for (const entry of header.split(" ")) {
    const comma = entry.indexOf(",");
    if (comma === -1 || entry.slice(0, comma) !== "v1") continue;
    const bytes = Buffer.from(entry.slice(comma + 1), "base64");
    if (bytes.length === SIGNATURE_BYTES) out.push(bytes);
  }
  return out;
}

/**
 * Verifies a Standard Webhooks delivery over the raw bytes and returns its `webhook-id`. Every
 * comparison is constant time; any of several signatures may match any of the valid secrets.
 */
export function verifyStandardWebhook({ body, headers, secrets, now }: VerifyParams): string {
  const { id, timestamp, signature } = readSignatureHeaders(headers);
  if (id.length > MAX_WEBHOOK_ID_LENGTH) {
    throw new WebhookRejection("invalid_input", "invalid_webhook_id", `webhook-id must be at most ${MAX_WEBHOOK_ID_LENGTH} characters`);
  }
  checkTimestamp(timestamp, now);
  const candidates = candidateSignatures(signature);
  for (const secret of secrets) {
    const expected = signatureBytes(secret, id, timestamp, body);
    for (const candidate of candidates) {
      if (timingSafeEqual(candidate, expected)) return id;
    }
  }
  throw new WebhookRejection("unauthenticated", "invalid_signature", "No webhook-signature matches this source's secret");
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Supabase Database Webhooks send a fixed header: `Authorization: Bearer <secret>`. Compared as
 * SHA-256 digests so the comparison is constant time whatever the token's length.
 */
export function verifyBearer(headers: Headers, secrets: readonly string[]): void {
  const header = headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) {
    throw new WebhookRejection("unauthenticated", "missing_authorization", "Missing the Authorization: Bearer <secret> header");
  }
  const presented = digest(match[1]);
  let ok = false;
  for (const secret of secrets) ok = timingSafeEqual(presented, digest(secret)) || ok;
  if (!ok) throw new WebhookRejection("unauthenticated", "invalid_authorization", "The bearer token does not match this source's secret");
}

/** Makes the `webhook-signature` header value for a message (senders, tests, the test-event button). */
export function signWebhook(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  return `v1,${signatureBytes(secret, id, timestamp, body).toString("base64")}`;
}
