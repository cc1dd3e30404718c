import { jwtVerify, SignJWT } from "jose";
import type { UserClaims } from "@/db/with-user";
import { SESSION_AUDIENCE, SESSION_ISSUER, SESSION_TTL_SECONDS } from "./config";

export interface SessionToken {
  claims: UserClaims;
  /** Seconds since the epoch, as in the token. */
  issuedAt: number;
  expiresAt: number;
}

/**
 * A built-in session token: HS256 over AUTH_SECRET, with claims shaped like a Supabase access token
 * (`sub`, `email`, `role: "authenticated"`, `aud: "authenticated"`), so row-level security reads
 * both alike.
 */
export async function signSessionToken(
  user: { id: string; email: string },
  secret: Uint8Array,
  options: { now?: Date; ttlSeconds?: number } = {},
): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ email: user.email, role: "authenticated" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setIssuer(SESSION_ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.ttlSeconds ?? SESSION_TTL_SECONDS))
    .sign(secret);
}

/** The token's claims when its signature, issuer, audience and lifetime check out; otherwise null. */
export async function verifySessionToken(
  token: string | undefined,
  secret: Uint8Array,
  options: { now?: Date } = {},
): Promise<SessionToken | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ["HS256"],
      issuer: SESSION_ISSUER,
      audience: SESSION_AUDIENCE,
      currentDate: options.now,
      requiredClaims: ["sub", "exp", "iat"],
    });
    if (payload.role !== "authenticated" || typeof payload.sub !== "string") return null;
    const email = typeof payload.email === "string" ? payload.email : undefined;
    return {
      claims: { sub: payload.sub, email, role: "authenticated" },
      issuedAt: payload.iat!,
      expiresAt: payload.exp!,
    };
  } catch {
    // Bad signature, expired, malformed: all mean "no session". The token itself is never logged.
    return null;
  }
}
