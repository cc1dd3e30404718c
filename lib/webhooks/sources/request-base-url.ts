import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The app's own base URL: APP_URL when configured (it is what senders must use), else the scheme
 * and host this request arrived on.
 */
export async function requestBaseUrl(): Promise<string> {
  const configured = env().APP_URL;
  if (configured) return configured.replace(/\/$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? `localhost:${env().PORT}`;
  const proto = h.get("x-forwarded-proto")?.split(",")[0].trim() ?? "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
