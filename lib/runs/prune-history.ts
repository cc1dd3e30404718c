// Retention: runs older than the retention period, and runs beyond each automation's cap (newest
// kept), are deleted with their actions (run_actions cascade; activities, notifications and outbox
// rows keep existing with run_id set null); then events older than the period that no run refers
// to any more; inbound delivery log lines, finished outbox rows (their attempts cascade) and kept
// mailbox emails older than the period. Service path (no user), by id, in chunks of at most `chunkSize` rows, so no
// statement holds many locks or runs long and the embedded database keeps answering in between.
// Payloads are never read. A run whose email or webhook is still queued (outbox pending/sending)
// is kept whatever its age: its delivery would lose the run it reports to.
//
// A round shares the database with live webhook traffic, so with `pauseMs` set every delete and
// every cap probe is followed by a pause of at least that long and at least
// PAUSE_PER_STATEMENT_TIME times what the statement took: however slow they are (a big backlog, a
// busy machine), a round keeps the database busy for about a quarter of its wall time at most, in
// short steps (the only other statements list the workspaces).

import { and, asc, eq, inArray, isNotNull, lt, notExists, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resultRows } from "@/db/rows";
import { automationRuns, automations, events, inboundDeliveries, mailboxMessages, outbox, workspaces } from "@/db/schema";

export const DEFAULT_RUN_CAP_PER_AUTOMATION = 10_000;
export const DEFAULT_PRUNE_CHUNK = 1_000;
/** Automations per cap probe: one probe reads up to the cap's number of index entries for each. */
export const DEFAULT_CAP_GROUP = 25;
/** With pauses on, each statement is followed by at least this many times its own duration. */
export const PAUSE_PER_STATEMENT_TIME = 3;

export type PruneHistoryParams = {
  now: Date;
  retentionDays: number;
  perAutomationCap?: number;
  chunkSize?: number;
  /** Automations probed per cap statement (keyset by id). */
  capGroupSize?: number;
  /**
   * The least pause after each statement (longer after a slow one: PAUSE_PER_STATEMENT_TIME), so a
   * round never holds a database core for long; 0 runs the statements back to back. The server's
   * schedule sets it.
   */
  pauseMs?: number;
};

export type PruneHistoryResult = {
  /** Runs deleted for age, and beyond an automation's cap. */
  expiredRuns: number;
  cappedRuns: number;
  events: number;
  /** Inbound delivery log lines (accepted, duplicate and rejected alike). */
  deliveryLog: number;
  /** Finished outbox rows (sent, failed, kept) with their attempts, and kept mailbox emails. */
  deliveries: number;
  mailbox: number;
  /** Deleted automations removed for good, their last run gone. */
  deletedAutomations: number;
  /** Size of every delete statement issued, in order (each at most chunkSize). */
  chunks: number[];
};

const r = automationRuns;

/** Runs one statement of a round, then pauses as the header says. */
export type Paced = <T>(statement: () => Promise<T>) => Promise<T>;

export function pacer(pauseMs: number): Paced {
  if (pauseMs <= 0) return (statement) => statement();
  return async (statement) => {
    const started = performance.now();
    const result = await statement();
    const pause = Math.max(pauseMs, (performance.now() - started) * PAUSE_PER_STATEMENT_TIME);
    await new Promise<void>((resolve) => setTimeout(resolve, pause));
    return result;
  };
}

/** No email or webhook of the run is still waiting to go out. */
function noPendingDelivery(): SQL {
  return notExists(
    sql`(select 1 from ${outbox} where ${outbox.runId} = ${r.id} and ${outbox.status} in ('pending', 'sending'))`,
  );
}

/** Repeats a delete of at most `chunkSize` rows until a chunk comes back short; the rows deleted. */
async function untilShortChunk(paced: Paced, chunkSize: number, chunks: number[], deleteChunk: () => Promise<readonly unknown[]>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await paced(deleteChunk);
    if (deleted.length === 0) break;
    chunks.push(deleted.length);
    total += deleted.length;
    if (deleted.length < chunkSize) break;
  }
  return total;
}

/** Deletes the runs matching `where`, at most `chunkSize` per statement, until a chunk comes back short. */
function deleteRunsInChunks(db: Db, paced: Paced, chunkSize: number, chunks: number[], where: SQL): Promise<number> {
  const ids = db.select({ id: r.id }).from(r).where(where).limit(chunkSize);
  return untilShortChunk(paced, chunkSize, chunks, () => db.delete(r).where(inArray(r.id, ids)).returning({ id: r.id }));
}

/** Per workspace, so the (workspace_id, created_at) index finds the old runs without a table scan. */
async function pruneExpiredRuns(db: Db, paced: Paced, cutoff: Date, chunkSize: number, chunks: number[]): Promise<number> {
  const list = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.id));
  let total = 0;
  for (const { id } of list) {
    total += await deleteRunsInChunks(db, paced, chunkSize, chunks, and(eq(r.workspaceId, id), lt(r.createdAt, cutoff), noPendingDelivery())!);
  }
  return total;
}

/**
 * For each automation, the cap-th newest run is the boundary: everything strictly older in the
 * (created_at, id) order goes. One statement per group of automations finds the boundaries of those
 * over their cap (each lateral probe reads at most `cap` entries of the automation's index), rather
 * than one query per automation: with a thousand automations that was a thousand round trips.
 */
async function pruneBeyondCap(db: Db, paced: Paced, cap: number, groupSize: number, chunkSize: number, chunks: number[]): Promise<number> {
  let total = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const group = resultRows<{ automationId: string; createdAt: string | null; runId: string | null }>(
      await paced(() => db.execute(sql`
        select a.id as "automationId", b.created_at::text as "createdAt", b.id as "runId"
        from (select id from ${automations} where id > ${after}::uuid order by id limit ${groupSize}) a
        left join lateral (
          select r.created_at, r.id from ${r} r
          where r.automation_id = a.id
          order by r.created_at desc nulls last, r.id desc nulls last
          offset ${cap - 1} limit 1
        ) b on true
        order by a.id`)),
    );
    for (const boundary of group) {
      if (!boundary.createdAt || !boundary.runId) continue;
      const older = or(
        lt(r.createdAt, sql`${boundary.createdAt}::timestamptz`),
        and(eq(r.createdAt, sql`${boundary.createdAt}::timestamptz`), lt(r.id, boundary.runId)),
      )!;
      total += await deleteRunsInChunks(db, paced, chunkSize, chunks, and(eq(r.automationId, boundary.automationId), older, noPendingDelivery())!);
    }
    if (group.length < groupSize) return total;
    after = group[group.length - 1].automationId;
  }
}

async function pruneEvents(db: Db, paced: Paced, cutoff: Date, chunkSize: number, chunks: number[]): Promise<number> {
  const list = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.id));
  let total = 0;
  for (const { id: workspaceId } of list) {
    const ids = db
      .select({ id: events.id })
      .from(events)
      .where(
        and(
          eq(events.workspaceId, workspaceId),
          lt(events.receivedAt, cutoff),
          notExists(sql`(select 1 from ${r} where ${r.eventId} = ${events.id})`),
        ),
      )
      .limit(chunkSize);
    total += await untilShortChunk(paced, chunkSize, chunks, () => db.delete(events).where(inArray(events.id, ids)).returning({ id: events.id }));
  }
  return total;
}

/** The delivery log older than the period, per workspace on its (workspace_id, received_at) index. */
async function pruneDeliveryLog(db: Db, paced: Paced, cutoff: Date, chunkSize: number, chunks: number[]): Promise<number> {
  const d = inboundDeliveries;
  const list = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.id));
  let total = 0;
  for (const { id: workspaceId } of list) {
    const ids = db.select({ id: d.id }).from(d).where(and(eq(d.workspaceId, workspaceId), lt(d.receivedAt, cutoff))).limit(chunkSize);
    total += await untilShortChunk(paced, chunkSize, chunks, () => db.delete(d).where(inArray(d.id, ids)).returning({ id: d.id }));
  }
  return total;
}

/** Deleted automations stay while runs refer to them (to show the version they ran); then they go. */
async function pruneDeletedAutomations(db: Db, paced: Paced, chunkSize: number): Promise<number> {
  const ids = db
    .select({ id: automations.id })
    .from(automations)
    .where(and(isNotNull(automations.deletedAt), notExists(sql`(select 1 from ${r} where ${r.automationId} = ${automations.id})`)))
    .limit(chunkSize);
  const deleted = await paced(() => db.delete(automations).where(inArray(automations.id, ids)).returning({ id: automations.id }));
  return deleted.length;
}

/** Outbox rows done with (their attempts cascade) and kept emails, past the retention period. */
async function pruneDeliveries(db: Db, paced: Paced, cutoff: Date, chunkSize: number, chunks: number[]) {
  const finished = and(inArray(outbox.status, ["sent", "failed", "skipped"]), lt(outbox.createdAt, cutoff))!;
  const deliveries = await untilShortChunk(paced, chunkSize, chunks, () =>
    db.delete(outbox).where(inArray(outbox.id, db.select({ id: outbox.id }).from(outbox).where(finished).limit(chunkSize))).returning({ id: outbox.id }),
  );
  const mailbox = await untilShortChunk(paced, chunkSize, chunks, () =>
    db
      .delete(mailboxMessages)
      .where(inArray(mailboxMessages.id, db.select({ id: mailboxMessages.id }).from(mailboxMessages).where(lt(mailboxMessages.createdAt, cutoff)).limit(chunkSize)))
      .returning({ id: mailboxMessages.id }),
  );
  return { deliveries, mailbox };
}

export async function pruneHistory(db: Db, params: PruneHistoryParams): Promise<PruneHistoryResult> {
  const chunkSize = Math.max(1, Math.trunc(params.chunkSize ?? DEFAULT_PRUNE_CHUNK));
  const cap = Math.max(1, Math.trunc(params.perAutomationCap ?? DEFAULT_RUN_CAP_PER_AUTOMATION));
  const cutoff = new Date(params.now.getTime() - params.retentionDays * 86_400_000);
  const chunks: number[] = [];
  const paced = pacer(params.pauseMs ?? 0);
  const expiredRuns = await pruneExpiredRuns(db, paced, cutoff, chunkSize, chunks);
  const groupSize = Math.max(1, Math.trunc(params.capGroupSize ?? DEFAULT_CAP_GROUP));
  const cappedRuns = await pruneBeyondCap(db, paced, cap, groupSize, chunkSize, chunks);
  const prunedEvents = await pruneEvents(db, paced, cutoff, chunkSize, chunks);
  const deliveryLog = await pruneDeliveryLog(db, paced, cutoff, chunkSize, chunks);
  const { deliveries, mailbox } = await pruneDeliveries(db, paced, cutoff, chunkSize, chunks);
  const deletedAutomations = await pruneDeletedAutomations(db, paced, chunkSize);
  return { expiredRuns, cappedRuns, events: prunedEvents, deliveryLog, deliveries, mailbox, deletedAutomations, chunks };
}
