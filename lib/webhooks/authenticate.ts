// Step 2 of the route, one entry per payload format: who sent the raw bytes. Returns the message id
// when the format carries one in a header (Standard Webhooks), else null: the adapter derives the
// idempotency key from the body (after this check, never before).

import type { PayloadFormat } from "./adapters/types";
import { validSecrets, type InboundSource } from "./load-source";
import { verifyBasic } from "./verify-basic";
import { verifyBearer, verifyStandardWebhook } from "./verify-signature";

type Authenticator = (source: InboundSource, headers: Headers, raw: Uint8Array, now: Date) => string | null;

const AUTHENTICATORS: Record<PayloadFormat, Authenticator> = {
  native: (source, headers, raw, now) => verifyStandardWebhook({ body: raw, headers, secrets: validSecrets(source, now), now }),
  supabase: (source, headers, _raw, now) => {
    verifyBearer(headers, validSecrets(source, now));
    return null;
  },
  pipedrive: (source, headers, _raw, now) => {
    verifyBasic(headers, source.basicUsername, validSecrets(source, now));
    return null;
  },
};

export function authenticate(source: InboundSource, headers: Headers, raw: Uint8Array, now: Date): string | null {
  return AUTHENTICATORS[source.format](source, headers, raw, now);
}
