import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, automations, events } from "@/db/schema";

export type EventRunSummary = { runId: string; automationId: string; automationName: string | null; status: string; error: string | null };

/** The runs an already-recorded delivery produced: what a redelivery is answered with. */
export async function getEventRuns(db: Db, params: { sourceId: string; externalId: string }): Promise<{ eventId: string; runs: EventRunSummary[] } | null> {
  const rows = await db
    .select({
      eventId: events.id,
      runId: automationRuns.id,
      automationId: automationRuns.automationId,
      automationName: automations.name,
      status: automationRuns.status,
      error: automationRuns.error,
    })
    .from(events)
    .leftJoin(automationRuns, eq(automationRuns.eventId, events.id))
    .leftJoin(automations, eq(automations.id, automationRuns.automationId))
    .where(and(eq(events.sourceId, params.sourceId), eq(events.externalId, params.externalId)))
    .orderBy(asc(automationRuns.createdAt), asc(automationRuns.id));
  if (rows.length === 0) return null;
  const runs: EventRunSummary[] = [];
  for (const row of rows) {
    if (row.runId && row.automationId && row.status) {
      runs.push({ runId: row.runId, automationId: row.automationId, automationName: row.automationName, status: row.status, error: row.error });
    }
  }
  return { eventId: rows[0].eventId, runs };
}
