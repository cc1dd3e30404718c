// The contract every inbound payload format implements: raw parsed JSON in, a NormalizedEvent out.

import type { NormalizedEvent } from "@/lib/engine/event";

export const PAYLOAD_FORMATS = ["native", "supabase"] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];

/** A problem with the payload, addressed by a dotted path ("" = the whole body). */
export type PayloadIssue = { path: string; message: string };

export type AdapterResult = { ok: true; event: NormalizedEvent } | { ok: false; issues: PayloadIssue[] };

export type AdapterContext = {
  /** Receipt time, used when the payload carries no timestamp of its own. */
  now: Date;
};

export type PayloadAdapter = {
  format: PayloadFormat;
  normalize(body: unknown, context: AdapterContext): AdapterResult;
};

/** Flattens zod issues for a 400 answer: `{ path: "entity.id", message }`. */
export function toPayloadIssues(issues: readonly { path: PropertyKey[]; message: string }[]): PayloadIssue[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}
