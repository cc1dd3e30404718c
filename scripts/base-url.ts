import type { Env } from "@/lib/env";

export function appBaseUrl(e: Env): string {
  return e.APP_URL ?? `http://localhost:${e.PORT}`;
}
