/**
 * The client's address for per-address limits, or null when it cannot be trusted. App Router code
 * never sees the socket, and `next start` passes a client's own X-Forwarded-For through, so the
 * header is only believed behind `trustedProxyCount` known proxies, each of which appends the address
 * it received from: the entry that many places from the right is the one the outermost proxy saw.
 * With 0 (the default) there is no trustworthy address and per-address limits are off, not spoofable.
 */
export function clientIp(headers: Pick<Headers, "get">, trustedProxyCount: number): string | null {
  if (trustedProxyCount <= 0) return null;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them.
  if (entries.length < trustedProxyCount) return null;
  return entries[entries.length - trustedProxyCount].slice(0, 64);
}
