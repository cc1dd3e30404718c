import { jwtVerify, SignJWT } from "jose";
import type { UserClaims } from "@/db/with-user";
import { SESSION_AUDIENCE, SESSION_ISSUER, SESSION_TTL_SECONDS } from "./config";

export interface SessionToken {
  claims: UserClaims;
  /** The session row (user_sessions.id) the token belongs to: revocation is checked against it. */
  sessionId: string;
  /** Seconds since the epoch, as in the token. */
  issuedAt: number;
  expiresAt: number;
  /** The session's absolute end: no token of the session, refreshed or not, outlives it. */
  sessionExpiresAt: number;
}

export interface SessionTokenSubject {
  id: string;
  email: string;
  sessionId: string;
  /** Seconds since the epoch. */
  sessionExpiresAt: number;
}

/**
 * A built-in session token: HS256 over AUTH_SECRET, with claims shaped like a Supabase access token
 * (`sub`, `email`, `role: "authenticated"`, `aud: "authenticated"`), so row-level security reads
 * both alike, plus the session's id (`sid`) and absolute end (`sexp`). Its own expiry is the TTL
 * from now, cut at the session's end, so refreshing never extends a session.
 */
export async function signSessionToken(
  subject: SessionTokenSubject,
  secret: Uint8Array,
  options: { now?: Date; ttlSeconds?: number } = {},
): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const exp = Math.min(iat + (options.ttlSeconds ?? SESSION_TTL_SECONDS), subject.sessionExpiresAt);
  return new SignJWT({ email: subject.email, role: "authenticated", sid: subject.sessionId, sexp: subject.sessionExpiresAt })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(subject.id)
    .setIssuer(SESSION_ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(secret);
}

/**
 * The token's claims when its signature, issuer, audience, lifetime and session end check out;
 * otherwise null. Tokens from before sessions had ids (no `sid`) are refused: they could be
 * refreshed forever.
 */
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
      requiredClaims: ["sub", "exp", "iat", "sid", "sexp"],
    });
    if (payload.role !== "authenticated" || typeof payload.sub !== "string") return null;
    if (typeof payload.sid !== "string" || typeof payload.sexp !== "number") return null;
    const nowSeconds = (options.now ?? new Date()).getTime() / 1000;
    if (payload.sexp <= nowSeconds) return null;
    const email = typeof payload.email === "string" ? payload.email : undefined;
    return {
      claims: { sub: payload.sub, email, role: "authenticated" },
      sessionId: payload.sid,
      issuedAt: payload.iat!,
      expiresAt: payload.exp!,
      sessionExpiresAt: payload.sexp,
    };
  } catch {
    // Bad signature, expired, malformed: all mean "no session". The token itself is never logged.
    return null;
  }
}
