// Authorises the cron endpoints (`POST /api/cron/*`): `Authorization: Bearer $CRON_SECRET`.
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/** True when the request carries the cron secret; always false while CRON_SECRET is unset. */
export function authorizeCron(request: Request): boolean {
  const secret = env().CRON_SECRET;
  if (!secret) return false;
  const header = request.headers.get("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  // Compare digests so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(secret).digest();
  return timingSafeEqual(a, b);
}
