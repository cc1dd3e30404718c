import "server-only";
import { cookies } from "next/headers";
import type { Db } from "@/db/client";
import { SESSION_COOKIE } from "./config";
import type { AuthUser } from "./credentials";
import { signSessionToken } from "./jwt";
import { authSecret } from "./secret";
import { sessionCookieOptions } from "./session-cookie";
import { startUserSession } from "./user-sessions";

/** A new built-in session: its row, then the cookie carrying a token that names it. */
export async function startBuiltinSession(db: Db, user: AuthUser): Promise<void> {
  const session = await startUserSession(db, user.id);
  const token = await signSessionToken(
    { id: user.id, email: user.email, sessionId: session.id, sessionExpiresAt: session.expiresAt.getTime() / 1000 },
    authSecret(),
  );
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions());
}
