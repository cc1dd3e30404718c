import type { Db } from "@/db/client";
import { inboundDeliveries } from "@/db/schema";
import type { PayloadIssue } from "./adapters/types";
import { capEcho } from "./echo";
import { SNIPPET_CHARS } from "./limits";

export type DeliveryLogEntry = {
  workspaceId: string;
  sourceId: string;
  externalId: string | null;
  outcome: "duplicate" | "rejected";
  httpStatus: number;
  reason: string | null;
  body: Uint8Array | null;
  eventId?: string | null;
  issues?: PayloadIssue[];
  /** A summary row: how many rejected deliveries it stands for (rejection-sampler.ts). */
  suppressed?: number;
  receivedAt: Date;
};

const lenient = new TextDecoder("utf-8");

/** The start of a body as text, for the log: never headers, so never a signature or bearer secret. */
export function snippetOf(body: Uint8Array | null): string | null {
  if (!body || body.byteLength === 0) return null;
  // 4 bytes per character at most: decode no more than the snippet can show.
  // The lenient decoder leaves no unpaired surrogate; capEcho replaces NULs (raw ones make invalid JSON, but are still logged).
  return capEcho(lenient.decode(body.subarray(0, SNIPPET_CHARS * 4)), SNIPPET_CHARS);
}

/** Logs a delivery that produced no new event (accepted ones are logged by the event's own statement). */
export async function recordDelivery(db: Db, entry: DeliveryLogEntry): Promise<void> {
  await db.insert(inboundDeliveries).values({
    workspaceId: entry.workspaceId,
    sourceId: entry.sourceId,
    externalId: entry.externalId?.slice(0, 255) ?? null,
    outcome: entry.outcome,
    httpStatus: entry.httpStatus,
    reason: entry.reason === null ? null : capEcho(entry.reason),
    snippet: snippetOf(entry.body),
    eventId: entry.eventId ?? null,
    details: entry.suppressed ? { suppressed: entry.suppressed } : entry.issues ? { issues: entry.issues.slice(0, 50) } : null,
    receivedAt: entry.receivedAt,
  });
}
