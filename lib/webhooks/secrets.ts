import { randomBytes } from "node:crypto";
import type { PayloadFormat } from "./adapters/types";

/** A Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** An HTTP Basic password for a Pipedrive webhook: 32 URL-safe characters (192 random bits). */
export function generateBasicPassword(): string {
  return randomBytes(24).toString("base64url");
}

/** An HTTP Basic user name: not a secret on its own, but unguessable, so both halves must be known. */
export function generateBasicUsername(): string {
  return `pipedrive-${randomBytes(6).toString("hex")}`;
}

const SECRET_GENERATORS: Record<PayloadFormat, () => string> = {
  native: generateWebhookSecret,
  supabase: generateWebhookSecret,
  pipedrive: generateBasicPassword,
};

/** A new secret for a source of this format: a signing secret, a bearer token or a Basic password. */
export function generateSourceSecret(format: PayloadFormat): string {
  return SECRET_GENERATORS[format]();
}

export function webhookUrl(baseUrl: string, sourceId: string): string {
  return `${baseUrl.replace(/\/$/, "")}/api/webhooks/${sourceId}`;
}
