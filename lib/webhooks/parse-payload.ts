// Steps 3–5: text, depth check, JSON.parse, then the source format's adapter (zod) to the engine's
// one event shape. Each failure is a 400 that says what was wrong.

import { canonicalEvent } from "@/lib/engine/canonical-event";
import type { NormalizedEvent } from "@/lib/engine/event";
import { getAdapter, type AdapterContext, type PayloadFormat } from "./adapters";
import { findUnstorableText } from "@/lib/text/storable-text";
import { scanJsonText } from "./json-depth";
import { MAX_JSON_DEPTH } from "./limits";
import { WebhookRejection } from "./rejection";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The body as JSON: refused when it is not UTF-8, nests too deep, does not parse, or holds text
 * PostgreSQL cannot store (a NUL or an unpaired surrogate, in any string or key): a 400 naming the
 * field, rather than a database error that would tell the sender to retry forever.
 */
export function parseJsonBody(raw: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new WebhookRejection("invalid_input", "invalid_encoding", "The body is not valid UTF-8");
  }
  // Before JSON.parse: a deeply nested body would cost a deep recursive parse first. The same pass
  // flags unstorable escapes, so only such rare bodies are walked again, to name the field.
  const scan = scanJsonText(text, MAX_JSON_DEPTH);
  if (scan.tooDeep) {
    throw new WebhookRejection("invalid_input", "too_deep", `The JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new WebhookRejection("invalid_input", "invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (scan.unstorableEscape) {
    const found = findUnstorableText(body) ?? { path: "", message: "the body contains text that cannot be stored" };
    throw new WebhookRejection("invalid_input", "invalid_payload", `The body is not a valid payload: ${found.message}`, [found]);
  }
  return body;
}

const FORMAT_NAMES: Record<PayloadFormat, string> = { native: "native event", supabase: "Supabase Database Webhook", pipedrive: "Pipedrive webhooks v2" };

/** The event, and for formats without a message id header its idempotency key (null: not deduplicated). */
export type NormalizedDelivery = { event: NormalizedEvent; dedupeKey: string | null };

/** Validates and maps the parsed body with the source's adapter; a 400 naming every issue otherwise. */
export function normalizeDelivery(format: PayloadFormat, body: unknown, context: AdapterContext): NormalizedDelivery {
  const result = getAdapter(format).normalize(body, context);
  if (!result.ok) {
    throw new WebhookRejection(
      "invalid_input",
      "invalid_payload",
      `The body is not a valid ${FORMAT_NAMES[format]} payload`,
      result.issues,
    );
  }
  return { event: canonicalEvent(result.event), dedupeKey: result.dedupeKey ?? null };
}

/** Validates and maps the parsed body to a NormalizedEvent with the format's adapter and default settings. */
export function normalizePayload(format: PayloadFormat, body: unknown, now: Date): NormalizedEvent {
  return normalizeDelivery(format, body, { now }).event;
}

/** Content-Type must be JSON: application/json or application/<something>+json, any parameters. */
export function assertJsonContentType(headers: Headers): void {
  const value = headers.get("content-type");
  const type = value?.split(";")[0].trim().toLowerCase() ?? "";
  if (type === "application/json" || /^application\/[\w.-]+\+json$/.test(type)) return;
  throw new WebhookRejection(
    "unsupported_media_type",
    "unsupported_media_type",
    value ? `Content-Type must be application/json, not “${value}”` : "Content-Type must be application/json",
  );
}

/**
 * A top-level `"replay": true` marks a backfill: recorded, snapshot updated, nothing run (any
 * format; the body is signed, so only the sender can say it). Anything but a boolean is refused.
 */
export function readReplayFlag(body: unknown): boolean {
  if (typeof body !== "object" || body === null || !Object.hasOwn(body, "replay")) return false;
  const replay = (body as { replay: unknown }).replay;
  if (typeof replay === "boolean") return replay;
  throw new WebhookRejection("invalid_input", "invalid_payload", "The body is not a valid payload", [
    { path: "replay", message: "replay must be true or false" },
  ]);
}
