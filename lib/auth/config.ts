/**
 * Names and lifetimes shared by the proxy, the session reader and the server actions. Framework-free
 * and free of Node APIs so the proxy can import it without pulling in the database.
 */
export const SESSION_COOKIE = "session";
export const WORKSPACE_COOKIE = "workspace_id";
/** Set by the proxy on every page request so requireSession() can send people back where they were. */
export const NEXT_PATH_HEADER = "x-next-path";

export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;
/** A built-in token older than this is re-issued by the proxy (sliding expiry)... */
export const SESSION_REFRESH_AFTER_SECONDS = 24 * 60 * 60;
/** ...but never past the session's absolute end, this long after sign-in. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** How long one process trusts its last look at a session row (revocations reach others this late). */
export const SESSION_CHECK_CACHE_MS = 10_000;
export const SESSION_ISSUER = "crm-automations";
/** Supabase puts this audience in its access tokens; built-in tokens carry the same. */
export const SESSION_AUDIENCE = "authenticated";

/** Page trees that need a session; the proxy sends visitors without a session cookie to sign in. */
export const PROTECTED_PREFIXES = ["/settings", "/activities"] as const;

export const SIGN_IN_PATH = "/sign-in";
export const DEFAULT_AFTER_SIGN_IN = "/settings/automations";

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export function signInUrlFor(nextPath: string | null | undefined): string {
  return nextPath && nextPath !== "/" ? `${SIGN_IN_PATH}?next=${encodeURIComponent(nextPath)}` : SIGN_IN_PATH;
}
