// The app's own public base URL: where senders post webhooks, what the webhooks page shows as a
// source's endpoint, and the links in alert emails. It comes from configuration only, never from a
// request's Host or X-Forwarded-* headers, which any client can forge (issue 20: a forged host made
// the server call, and display, an address of the attacker's choosing).
import { env, type Env } from "@/lib/env";

/** APP_URL without a trailing slash; unset, http://localhost:$PORT. */
export function appBaseUrl(e: Env = env()): string {
  return e.APP_URL ? e.APP_URL.replace(/\/$/, "") : `http://localhost:${e.PORT}`;
}

/** The start-up warning for a production server without APP_URL, or null when none is due. */
export function appUrlWarning(e: Env = env()): string | null {
  if (e.APP_URL || e.NODE_ENV !== "production") return null;
  return `APP_URL is not set: webhook endpoint URLs and email links will say ${appBaseUrl(e)}. Set APP_URL to the address senders and users reach this server on.`;
}
