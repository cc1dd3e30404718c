import type { Db } from "@/db/client";
import { inboundDeliveries } from "@/db/schema";
import type { PayloadIssue } from "./adapters/types";
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
  receivedAt: Date;
};

const lenient = new TextDecoder("utf-8");

/** The start of a body as text, for the log: never headers, so never a signature or bearer secret. */
export function snippetOf(body: Uint8Array | null): string | null {
  if (!body || body.byteLength === 0) return null;
  // 4 bytes per character at most: decode no more than the snippet can show.
  const text = lenient.decode(body.subarray(0, SNIPPET_CHARS * 4));
  return text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text;
}

/** Logs a delivery that produced no new event (accepted ones are logged by the event's own statement). */
export async function recordDelivery(db: Db, entry: DeliveryLogEntry): Promise<void> {
  await db.insert(inboundDeliveries).values({
    workspaceId: entry.workspaceId,
    sourceId: entry.sourceId,
    externalId: entry.externalId?.slice(0, 255) ?? null,
    outcome: entry.outcome,
    httpStatus: entry.httpStatus,
    reason: entry.reason,
    snippet: snippetOf(entry.body),
    eventId: entry.eventId ?? null,
    details: entry.issues ? { issues: entry.issues.slice(0, 50) } : null,
    receivedAt: entry.receivedAt,
  });
}
