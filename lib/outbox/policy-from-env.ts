import { env } from "@/lib/env";
import { parseAllowHosts, type OutboundPolicy } from "./address-policy";

/** OUTBOUND_ALLOW_HOSTS, and http:// allowed outside production or with OUTBOUND_ALLOW_HTTP=1. */
export function outboundPolicyFromEnv(): OutboundPolicy {
  const e = env();
  return { allowHosts: parseAllowHosts(e.OUTBOUND_ALLOW_HOSTS), allowHttp: e.NODE_ENV !== "production" || e.OUTBOUND_ALLOW_HTTP === "1" };
}
