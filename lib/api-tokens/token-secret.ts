// The shape of a personal API token: `cra_` + 32 random bytes in base64url. Only its SHA-256 is
// stored; the first 12 characters are kept in clear as the prefix people recognise it by.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "cra_";
export const DISPLAY_PREFIX_LENGTH = 12;
const TOKEN_PATTERN = /^cra_[A-Za-z0-9_-]{43}$/;

export type NewTokenSecret = { token: string; prefix: string; hash: string };

export function generateTokenSecret(): NewTokenSecret {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, DISPLAY_PREFIX_LENGTH), hash: hashToken(token) };
}

/** A fast hash is enough: the token has 256 bits of entropy, so it cannot be guessed from its hash. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Cheap shape check before any database lookup. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
