import type { Db } from "@/db/client";
import { SESSION_COOKIE } from "./config";
import { verifySessionToken, type SessionToken } from "./jwt";
import { authSecret } from "./secret";
import type { CookieReader } from "./types";
import { isUserSessionActive } from "./user-sessions";

/** The built-in session cookie's token, when it verifies against AUTH_SECRET (no database). */
export async function readBuiltinToken(cookies: CookieReader): Promise<SessionToken | null> {
  const token = cookies.getAll().find((c) => c.name === SESSION_COOKIE)?.value;
  return token ? verifySessionToken(token, authSecret()) : null;
}

/** The token, when it also names a session that is neither revoked nor past its end. */
export async function readActiveBuiltinSession(db: () => Promise<Db>, cookies: CookieReader): Promise<SessionToken | null> {
  const token = await readBuiltinToken(cookies);
  if (!token) return null;
  const active = await isUserSessionActive(await db(), { sessionId: token.sessionId, userId: token.claims.sub });
  return active ? token : null;
}
