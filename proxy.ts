// Runs before every page: refreshes sessions (Supabase tokens, sliding built-in sessions), sends
// visitors without a session cookie away from signed-in pages, and tells the pages which path was
// asked for. It never touches the database: requireSession() does the real check.
import { NextResponse, type NextRequest } from "next/server";
import {
  isProtectedPath,
  NEXT_PATH_HEADER,
  SESSION_COOKIE,
  SESSION_REFRESH_AFTER_SECONDS,
  signInUrlFor,
} from "@/lib/auth/config";
import { signSessionToken, verifySessionToken } from "@/lib/auth/jwt";
import { authProvider } from "@/lib/auth/provider";
import { authSecret } from "@/lib/auth/secret";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";
import type { CookieToSet } from "@/lib/auth/supabase";

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const toSet: CookieToSet[] = [];
  const signedIn =
    authProvider() === "supabase" ? await refreshSupabase(request, toSet) : await refreshBuiltin(request, toSet);

  if (!signedIn && isProtectedPath(pathname)) {
    const response = NextResponse.redirect(new URL(signInUrlFor(`${pathname}${search}`), request.url));
    for (const c of toSet) response.cookies.set(c.name, c.value, c.options);
    return response;
  }

  // request.cookies.set() above rewrote the request's Cookie header, so the page reads fresh tokens.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NEXT_PATH_HEADER, `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const c of toSet) response.cookies.set(c.name, c.value, c.options);
  // A response that sets session cookies must never be cached and served to someone else.
  if (toSet.length > 0) response.headers.set("Cache-Control", "private, no-store");
  return response;
}

/** getClaims() verifies the token against the JWKS and, when it has expired, refreshes it. */
async function refreshSupabase(request: NextRequest, toSet: CookieToSet[]): Promise<boolean> {
  const { readSupabaseClaims } = await import("@/lib/auth/supabase");
  const claims = await readSupabaseClaims({
    getAll: () => request.cookies.getAll(),
    setAll: (cookies) => {
      for (const c of cookies) {
        request.cookies.set(c.name, c.value);
        toSet.push(c);
      }
    },
  });
  return claims !== null;
}

/**
 * Re-issues a valid built-in session token once a day, so active users stay signed in, but never past
 * the session's absolute end. Revocation is checked by the pages (getSession), not here.
 */
async function refreshBuiltin(request: NextRequest, toSet: CookieToSet[]): Promise<boolean> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return false;
  const secret = authSecret();
  const verified = await verifySessionToken(token, secret);
  if (!verified) return false;
  const age = Date.now() / 1000 - verified.issuedAt;
  if (age > SESSION_REFRESH_AFTER_SECONDS) {
    const subject = {
      id: verified.claims.sub,
      email: verified.claims.email ?? "",
      sessionId: verified.sessionId,
      sessionExpiresAt: verified.sessionExpiresAt,
    };
    const fresh = await signSessionToken(subject, secret);
    request.cookies.set(SESSION_COOKIE, fresh);
    toSet.push({ name: SESSION_COOKIE, value: fresh, options: sessionCookieOptions() });
  }
  return true;
}

export const config = {
  // Pages only: not the webhook API, Next's assets, or files with an extension.
  matcher: ["/((?!api/|_next/|favicon\\.ico|.*\\.[a-zA-Z0-9]+$).*)"],
};
