import type { UserClaims } from "@/db/with-user";
import { SESSION_COOKIE } from "./config";
import { verifySessionToken } from "./jwt";
import { authSecret } from "./secret";
import type { CookieReader } from "./types";

/** Claims from the built-in session cookie, when its token verifies against AUTH_SECRET. */
export async function readBuiltinClaims(cookies: CookieReader): Promise<UserClaims | null> {
  const token = cookies.getAll().find((c) => c.name === SESSION_COOKIE)?.value;
  if (!token) return null;
  return (await verifySessionToken(token, authSecret()))?.claims ?? null;
}
