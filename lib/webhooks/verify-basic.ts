// Step 2 for Pipedrive sources: Pipedrive webhooks carry an HTTP Basic user and password (set on the
// webhook in Pipedrive), not a signature. Both are compared as SHA-256 digests, in constant time
// whatever their length; every candidate password is checked, so timing says nothing about which
// matched. The rejection never repeats what was sent.

import { createHash, timingSafeEqual } from "node:crypto";
import { WebhookRejection } from "./rejection";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** The user and password of an `Authorization: Basic <base64(user:password)>` header, or null. */
export function readBasicCredentials(headers: Headers): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(headers.get("authorization") ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Accepts the delivery when its Basic user name is `username` and its password one of `passwords`
 * (the current one and, during a rotation, the previous one). A source without a user name accepts nothing.
 */
export function verifyBasic(headers: Headers, username: string | null, passwords: readonly string[]): void {
  const presented = readBasicCredentials(headers);
  if (!presented) {
    throw new WebhookRejection(
      "unauthenticated",
      "missing_basic_credentials",
      "Missing the Authorization: Basic header: set this source's HTTP Basic user name and password on the Pipedrive webhook",
    );
  }
  const userOk = timingSafeEqual(digest(presented.username), digest(username ?? "")) && Boolean(username);
  const presentedPassword = digest(presented.password);
  let passwordOk = false;
  for (const password of passwords) passwordOk = timingSafeEqual(presentedPassword, digest(password)) || passwordOk;
  if (!userOk || !passwordOk) {
    throw new WebhookRejection("unauthenticated", "invalid_basic_credentials", "The HTTP Basic user name or password does not match this source's credentials");
  }
}

/** The header value a sender (Pipedrive, the test-event button, tests) puts on a delivery. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}
