// Helpers for the run-history integration tests (not a test file): a team with a source and one
// automation per person, and events and runs written directly on the service path, shaped as the
// ingest path writes them.

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, events, runActions } from "@/db/schema";
import { insertAutomation, insertSource } from "@/lib/webhooks/test-support";
import { makeTeam } from "@/test/fixtures";

function definition(who: string) {
  return {
    name: `${who}'s automation`,
    trigger: { type: "deal.stage_changed" as const, to: "negotiation" },
    conditions: null,
    actions: [{ type: "notify_user" as const, config: { to: { kind: "automation_owner" as const }, message: "{{deal.title}} moved" } }],
  };
}

export async function makeHistoryWorld(db: Db) {
  const team = await makeTeam(db);
  const source = await insertSource(db, team.workspace.id);
  const otherSource = await insertSource(db, team.other.id);
  const autoAdmin = await insertAutomation(db, team.workspace.id, team.admin.id, definition("Admin"));
  const autoA = await insertAutomation(db, team.workspace.id, team.memberA.id, definition("Member A"));
  const autoB = await insertAutomation(db, team.workspace.id, team.memberB.id, definition("Member B"));
  const autoOther = await insertAutomation(db, team.other.id, team.outsider.id, definition("Outsider"));
  return { ...team, source, otherSource, autoAdmin, autoA, autoB, autoOther };
}

export type HistoryWorld = Awaited<ReturnType<typeof makeHistoryWorld>>;

let sequence = 0;

export function dealPayload(entityId: string, data: Record<string, unknown> = {}, previous: Record<string, unknown> | null = { stage: "proposal" }) {
  return {
    type: "deal.updated",
    occurredAt: "2026-11-25T10:00:00Z",
    entity: { type: "deal", id: entityId, data: { title: "Acme renewal", stage: "negotiation", amount: 12000, currency: "EUR", status: "open", owner_id: "crm-a", ...data } },
    previous,
    actor: { type: "user", id: "crm-a" },
  };
}

export async function insertEvent(
  db: Db,
  params: { workspaceId: string; sourceId: string; entityId?: string; receivedAt?: Date; payload?: unknown; type?: string; entityType?: string },
) {
  const entityId = params.entityId ?? `D-${++sequence}`;
  const [row] = await db
    .insert(events)
    .values({
      workspaceId: params.workspaceId,
      sourceId: params.sourceId,
      externalId: `msg_${crypto.randomUUID()}`,
      type: params.type ?? "deal.updated",
      entityType: params.entityType ?? "deal",
      entityId,
      payload: params.payload ?? dealPayload(entityId),
      receivedAt: params.receivedAt ?? new Date(),
    })
    .returning({ id: events.id });
  return row.id;
}

export type RunSeed = {
  workspaceId: string;
  automationId: string;
  ownerId: string;
  eventId: string;
  entityId?: string;
  eventType?: string;
  status?: "succeeded" | "failed" | "skipped" | "stopped";
  /** A Date, or an exact timestamp text (microseconds, which a Date cannot hold). */
  createdAt?: Date | string;
  trace?: unknown;
  error?: string | null;
};

export async function insertRun(db: Db, seed: RunSeed): Promise<string> {
  const [row] = await db
    .insert(automationRuns)
    .values({
      workspaceId: seed.workspaceId,
      automationId: seed.automationId,
      automationOwnerId: seed.ownerId,
      automationVersion: 1,
      eventId: seed.eventId,
      eventType: seed.eventType ?? "deal.updated",
      entityId: seed.entityId ?? "D-0",
      status: seed.status ?? "succeeded",
      trace: seed.trace ?? { trigger: { matched: true, reason: "stage changed from proposal to negotiation" }, conditions: null, templates: { missing: [] } },
      error: seed.error ?? null,
      durationMicros: 420,
      createdAt: typeof seed.createdAt === "string" ? sql`${seed.createdAt}::timestamptz` : (seed.createdAt ?? new Date()),
    })
    .returning({ id: automationRuns.id });
  return row.id;
}

export async function insertRunAction(db: Db, params: { workspaceId: string; runId: string; actionIndex: number; type?: string; status?: "pending" | "succeeded" | "failed" | "skipped"; output?: unknown; error?: string | null }) {
  await db.insert(runActions).values({
    workspaceId: params.workspaceId,
    runId: params.runId,
    actionIndex: params.actionIndex,
    type: params.type ?? "notify_user",
    status: params.status ?? "succeeded",
    output: params.output ?? null,
    error: params.error ?? null,
  });
}
