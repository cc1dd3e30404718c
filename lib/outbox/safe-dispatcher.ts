// The HTTP client for outbound webhooks, with the SSRF check at connect time: an undici connect hook
// resolves the host itself, refuses unless every address is public (address-policy.ts), and dials
// the address it checked, so a literal IP in any notation and a DNS answer that changes between
// a check and the connection (rebinding) are both covered. TLS still verifies the host name.
// Hosts in OUTBOUND_ALLOW_HOSTS skip the check (development and tests reach local receivers).

import { lookup } from "node:dns/promises";
import { Agent, buildConnector } from "undici";
import { isIpLiteral, isPublicAddress, normalizeHost, type OutboundPolicy } from "./address-policy";

/** A host's addresses (tests pass their own, so no lookup leaves the machine). */
export type Resolve = (host: string) => Promise<string[]>;
/** Where to actually connect for a checked address (tests map public addresses onto a local receiver). */
export type Dial = (address: string, port: number) => { address: string; port: number };

export class BlockedAddressError extends Error {
  readonly code = "ERR_BLOCKED_ADDRESS";
  constructor(host: string, address: string) {
    super(host === address ? `${address} is not a public address` : `${host} resolves to ${address}, which is not a public address`);
    this.name = "BlockedAddressError";
  }
}

export const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

export type SafeDispatcherOptions = {
  policy: OutboundPolicy;
  connectTimeoutMs: number;
  resolve?: Resolve;
  dial?: Dial;
};

/** The address to dial for `host`, after the check; throws BlockedAddressError. */
export async function checkedAddress(host: string, resolve: Resolve): Promise<string> {
  const addresses = isIpLiteral(host) ? [host] : await resolve(host);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  // Every answer must pass: a name with one public and one private address could be dialled either way.
  const blocked = addresses.find((address) => !isPublicAddress(address));
  if (blocked) throw new BlockedAddressError(host, blocked);
  return addresses[0];
}

export function createSafeDispatcher(options: SafeDispatcherOptions): Agent {
  const connect = buildConnector({ timeout: options.connectTimeoutMs });
  const resolve = options.resolve ?? systemResolve;
  const dial = options.dial ?? ((address: string, port: number) => ({ address, port }));
  return new Agent({
    connections: 16,
    connect(connectOptions, callback) {
      const host = normalizeHost(connectOptions.hostname);
      const port = Number(connectOptions.port) || (connectOptions.protocol === "https:" ? 443 : 80);
      if (options.policy.allowHosts.has(host)) {
        connect(connectOptions, callback);
        return;
      }
      checkedAddress(host, resolve).then(
        (address) => {
          const target = dial(address, port);
          connect(
            { ...connectOptions, hostname: target.address, port: String(target.port), servername: isIpLiteral(host) ? undefined : host },
            callback,
          );
        },
        (error: Error) => callback(error, null),
      );
    },
  });
}
