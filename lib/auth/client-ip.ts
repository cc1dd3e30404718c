/**
 * The client's address for rate limiting. The right-most X-Forwarded-For entry is the one added by
 * the proxy closest to us (Next itself fills the header from the socket when no proxy did); entries
 * further left are whatever the client claimed.
 */
export function clientIp(headers: Pick<Headers, "get">): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  return (last ?? headers.get("x-real-ip")?.trim() ?? "unknown").slice(0, 64);
}
