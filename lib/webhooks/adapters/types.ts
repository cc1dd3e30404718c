// The contract every inbound payload format implements: raw parsed JSON in, a NormalizedEvent out.

import type { NormalizedEvent } from "@/lib/engine/event";
import type { SupabaseMapping } from "./supabase-mapping";

export const PAYLOAD_FORMATS = ["native", "supabase", "pipedrive"] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];

/** A problem with the payload, addressed by a dotted path ("" = the whole body). */
export type PayloadIssue = { path: string; message: string };

/**
 * `dedupeKey`: for formats without a message id header, the event's idempotency key derived from
 * the body (a real identity, never a hash of the whole body); null when the body has none, in which
 * case the delivery is not deduplicated. Formats with a message id (native) leave it out.
 */
export type AdapterResult = { ok: true; event: NormalizedEvent; dedupeKey?: string | null } | { ok: false; issues: PayloadIssue[] };

export type AdapterContext = {
  /** Receipt time, used when the payload carries no timestamp of its own. */
  now: Date;
  /** A Supabase source's tables and columns; the defaults when absent. */
  supabaseMapping?: SupabaseMapping;
};

export type PayloadAdapter = {
  format: PayloadFormat;
  normalize(body: unknown, context: AdapterContext): AdapterResult;
};

/** Flattens zod issues for a 400 answer: `{ path: "entity.id", message }`. */
export function toPayloadIssues(issues: readonly { path: PropertyKey[]; message: string }[]): PayloadIssue[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}
