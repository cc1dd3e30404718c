// Which addresses and URLs outbound webhooks may reach (SSRF protection). ipaddr.js names the range
// of an address; only plain public unicast passes: loopback, RFC 1918, link-local (cloud metadata),
// CGNAT, unique-local, IPv4-mapped, NAT64/6to4/Teredo, multicast, unspecified, reserved and every
// other special range are refused. The connect-time check (safe-dispatcher.ts) applies this to the
// address actually dialled; the save-time check below only refuses what is obviously private.

import ipaddr from "ipaddr.js";

export type OutboundPolicy = {
  /** Hosts (lower case, no trailing dot) that may resolve to private addresses: development and tests. */
  allowHosts: ReadonlySet<string>;
  /** False in production unless OUTBOUND_ALLOW_HTTP=1. */
  allowHttp: boolean;
};

export function parseAllowHosts(raw: string | undefined): Set<string> {
  return new Set(
    (raw ?? "")
      .split(",")
      .map((host) => normalizeHost(host.trim()))
      .filter(Boolean),
  );
}

/** Lower case, brackets and one trailing dot removed: `Localhost.` and `localhost` are one host. */
export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
}

// IPv6 outside global unicast (IPv4-compatible ::a.b.c.d, for one) has no range name of its own.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

/** True only for a public unicast address; anything unparsable is refused. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.range() !== "unicast") return false;
  return parsed.kind() === "ipv4" || parsed.match(GLOBAL_UNICAST_V6);
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(normalizeHost(host));
}

const PRIVATE_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/;

/**
 * Why a URL may not be saved or sent to, or null. Catches what is visible without DNS (literal
 * private addresses in any notation the URL parser accepts, localhost names, http:// where not
 * allowed); names that resolve to private addresses are refused at connect time.
 */
export function urlPolicyProblem(raw: string, policy: OutboundPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a valid URL (http:// or https://)";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Only http:// and https:// URLs can receive webhooks";
  const host = normalizeHost(url.hostname);
  if (policy.allowHosts.has(host)) return null;
  if (url.protocol === "http:" && !policy.allowHttp) return "Webhooks must use https:// (set OUTBOUND_ALLOW_HTTP=1 to allow http://)";
  if (url.username || url.password) return "Put credentials in a header, not in the URL";
  // The WHATWG parser has already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
  if (isIpLiteral(host) && !isPublicAddress(host)) return "This address is private, loopback or reserved: webhooks can only go to public addresses";
  if (!host.includes(".") || PRIVATE_NAMES.test(host)) return "This host name is local: webhooks can only go to public addresses";
  return null;
}
