import { DEFAULT_AFTER_SIGN_IN } from "./config";

/**
 * Where to go after signing in: only a same-origin relative path is accepted, so a crafted link
 * cannot bounce a freshly signed-in user to another site ("//evil.test", "/\\evil.test",
 * "https://…", "javascript:…"). The checks hold for the value returned, after normalisation: the
 * URL parser turns "/.//evil.test", "/%2e//evil.test" or "/x/..//evil.test" into "//evil.test",
 * which a browser reads as another host.
 */
export function safeNextPath(value: unknown, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Browsers strip tabs and newlines from URLs and treat backslashes as slashes: refuse them outright.
  if (value.includes("\\") || [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return fallback;
  // Resolving against a dummy origin must keep that origin, and the path must not lead back to sign-in.
  let url: URL;
  try {
    url = new URL(value, "http://app.invalid");
  } catch {
    return fallback;
  }
  if (url.origin !== "http://app.invalid") return fallback;
  if (url.pathname === "/sign-in" || url.pathname === "/sign-up") return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return isSameOriginPath(path) ? path : fallback;
}

/** A path a browser resolves against the current origin: one leading slash, then no slash or backslash. */
function isSameOriginPath(path: string): boolean {
  return path.startsWith("/") && path[1] !== "/" && path[1] !== "\\" && !path.includes("\\");
}
