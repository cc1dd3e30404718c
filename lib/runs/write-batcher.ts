// Group commit for accepted events. One event write at a time per database handle: deliveries that
// finish planning while it is in flight queue here and leave together, as one call to
// app.record_events: one round trip, one transaction and one commit for the lot. A lone event is
// written at once, so batching only happens when the database is already busy. Each caller gets its
// own outcome, answered only after its event has committed.
// One at a time because concurrent writes lock the same parent rows for their foreign-key checks,
// which PostgreSQL pays for in multixacts; another call starts beside those in flight (up to
// MAX_IN_FLIGHT) for a full batch, or once every call in flight has become slow (slowWriteMs), so a
// stalled write holds up only its own batch. The measurements behind this: docs/benchmarks.md.

import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { DatabaseDeadlineError, isFreshConnectionRetryable, isUnavailable, WriteQueueFullError } from "@/db/faults";

/** Concurrent event writes per database handle at most, the second and later only for a full batch or beside slow ones (the rest of the pool serves everything else). */
export const MAX_IN_FLIGHT = 4;
/** Events per call at most: bounds one transaction's size and how long its row locks are held. */
export const MAX_BATCH = 32;
/**
 * A write in flight longer than this no longer holds up the deliveries queued behind it: 20 ms, and
 * 2 ms more per event it carries (a lone event takes 1–5 ms under load, a batch of 24 about 40 ms).
 */
export function slowWriteMs(events: number): number {
  return 20 + 2 * events;
}

/**
 * Deliveries waiting for their write at most: beyond it (a database that has stopped answering,
 * with senders retrying) a delivery is refused at once rather than held in memory.
 */
export const MAX_QUEUE = 2_000;

/** `outdated`: the event was older than the entity's last known change (or the entity deleted): its runs were recorded as skipped, for this reason. */
export type WriteOutcome = { status: string; disabled?: number; outdated?: string };

type Pending = {
  payload: string;
  submittedAt: number;
  timer: NodeJS.Timeout;
  settled: boolean;
  /** Its sender was answered at the deadline while its write was in flight: that write still occupies the database. */
  abandoned: boolean;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
};

/** Event writes waiting (queued, or in flight even if their sender was already answered) and how long the oldest has waited. */
export type WriteQueueState = { waiting: number; oldestWaitMs: number };

/** The one value a `select … as result` returns (jsonb arrives parsed from both drivers). */
function firstValue<T>(rows: readonly { result: unknown }[]): T {
  const value = rows[0]?.result;
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/**
 * The two write calls as named prepared statements: on the server each connection parses and plans
 * them once, and a call is then one round trip (bind and execute). Unnamed, every call would first
 * ask the server to describe the statement and wait for the answer before sending the event.
 */
function writeStatements(db: Db) {
  const call = (name: string, argument: SQL) =>
    db
      .select({ result: sql<unknown>`${sql.raw(name)}(${argument})` })
      .from(sql`(select 1) as one`)
      .prepare(name.replace(".", "_"));
  const one = call("app.record_event", sql`${sql.placeholder("payload")}::jsonb`);
  // A batch goes as MAX_BATCH parameters, one event each (unused ones NULL), never as one string:
  // a batch's JSON text (100–270 KB) would be allocated in V8's large-object space on fresh pages
  // every time: a profile put 180 µs per event in joining it and measuring it, and one parameter
  // per event took 14 % off the ingest code's CPU per event (drizzle/0013).
  const slots = Array.from({ length: MAX_BATCH }, (_, i) => `e${i}`);
  const many = call("app.record_events", sql`array[${sql.join(slots.map((slot) => sql`${sql.placeholder(slot)}::jsonb`), sql`, `)}]`);
  return {
    writeOne: async (payload: string) => firstValue<WriteOutcome>(await one.execute({ payload })),
    writeMany: async (payloads: readonly string[]) =>
      firstValue<WriteOutcome[]>(await many.execute(Object.fromEntries(slots.map((slot, i) => [slot, payloads[i] ?? null])))),
  };
}

/** What a handle's batcher has done: database calls made, events written, the largest batch. */
export type WriteBatchStats = { calls: number; events: number; largestBatch: number };

class WriteBatcher {
  private readonly queue: Pending[] = [];
  /** Each call in flight, with when it counts as slow (performance.now()). */
  private readonly started = new Set<{ slowAt: number; batch: Pending[] }>();
  private slowCheck: NodeJS.Timeout | undefined;
  readonly stats: WriteBatchStats = { calls: 0, events: 0, largestBatch: 0 };
  private readonly statements: ReturnType<typeof writeStatements>;

  constructor(db: Db) {
    this.statements = writeStatements(db);
  }

  /**
   * Resolves once the event has committed, or rejects after `deadlineMs`: a delivery still queued
   * then is taken out (never written); one in flight may still commit (its sender may retry safely).
   */
  submit(payload: string, deadlineMs: number): Promise<WriteOutcome> {
    if (this.queue.length >= MAX_QUEUE) return Promise.reject(new WriteQueueFullError(MAX_QUEUE));
    if (this.state().oldestWaitMs > deadlineMs) return Promise.reject(new DatabaseDeadlineError("event write (writes are stalled)", deadlineMs));
    return new Promise((resolve, reject) => {
      const pending: Pending = {
        payload,
        submittedAt: performance.now(),
        settled: false,
        abandoned: false,
        timer: setTimeout(() => {
          const at = this.queue.indexOf(pending);
          if (at >= 0) this.queue.splice(at, 1);
          else pending.abandoned = true;
          pending.reject(new DatabaseDeadlineError(at >= 0 ? "event write (not started)" : "event write", deadlineMs));
        }, deadlineMs),
        resolve: (outcome) => {
          if (pending.settled) return;
          pending.settled = true;
          clearTimeout(pending.timer);
          resolve(outcome);
        },
        reject: (error) => {
          if (pending.settled) return;
          pending.settled = true;
          clearTimeout(pending.timer);
          reject(error);
        },
      };
      this.queue.push(pending);
      this.pump();
    });
  }

  state(): WriteQueueState {
    let waiting = this.queue.length;
    let oldest = this.queue[0]?.submittedAt ?? Infinity;
    for (const call of this.started) {
      for (const p of call.batch) {
        if (p.settled && !p.abandoned) continue;
        waiting++;
        oldest = Math.min(oldest, p.submittedAt);
      }
    }
    return { waiting, oldestWaitMs: oldest === Infinity ? 0 : Math.round(performance.now() - oldest) };
  }

  /** When every call in flight will have become slow (-Infinity with none in flight). */
  private allSlowAt(): number {
    let at = -Infinity;
    for (const call of this.started) at = Math.max(at, call.slowAt);
    return at;
  }

  private pump(): void {
    while (this.queue.length > 0 && this.started.size < MAX_IN_FLIGHT) {
      // Beside calls in flight, only for a backlog that fills a batch or when they all are slow.
      if (this.queue.length < MAX_BATCH && performance.now() < this.allSlowAt()) break;
      const batch = this.queue.splice(0, MAX_BATCH);
      const call = { slowAt: performance.now() + slowWriteMs(batch.length), batch };
      this.started.add(call);
      void this.send(batch).finally(() => {
        this.started.delete(call);
        this.pump();
      });
    }
    this.armSlowCheck();
  }

  /** Deliveries wait behind calls in flight: look again when those will all have become slow. */
  private armSlowCheck(): void {
    if (this.slowCheck || this.queue.length === 0 || this.started.size === 0 || this.started.size >= MAX_IN_FLIGHT) return;
    this.slowCheck = setTimeout(() => {
      this.slowCheck = undefined;
      this.pump();
    }, this.allSlowAt() - performance.now() + 1);
    this.slowCheck.unref();
  }

  private async send(batch: Pending[]): Promise<void> {
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    // A lost connection is retried once, on another: an event write is idempotent by its key.
    let retryLost = true;
    if (batch.length > 1) {
      this.stats.calls++;
      try {
        const outcomes = await this.statements.writeMany(batch.map((p) => p.payload));
        batch.forEach((p, i) => p.resolve(outcomes[i]));
        this.stats.events += batch.length;
        return;
      } catch (error) {
        // One event's error (a deadlock, an automation deleted mid-flight) rolled back the whole
        // call: write each on its own, so each caller gets its own outcome or error. After a lost
        // connection, those single writes are the one retry.
        if (isFreshConnectionRetryable(error)) retryLost = false;
        // A lock or statement timeout would only be waited for again, once per event.
        else if (isUnavailable(error)) return batch.forEach((p) => p.reject(error));
      }
    }
    const live = batch.filter((p) => !p.settled);
    this.stats.calls += live.length;
    await Promise.all(live.map((p) => this.writeOne(p, retryLost)));
  }

  private async writeOne(p: Pending, retryLost: boolean): Promise<void> {
    try {
      p.resolve(await this.statements.writeOne(p.payload));
      this.stats.events++;
    } catch (error) {
      if (!retryLost || p.settled || !isFreshConnectionRetryable(error)) return p.reject(error);
      this.stats.calls++;
      await this.writeOne(p, false);
    }
  }
}

const batchers = new WeakMap<Db, WriteBatcher>();

function batcherFor(db: Db): WriteBatcher {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new WriteBatcher(db)));
  return batcher;
}

/** Writes one event's records (app.record_event's argument, as JSON text), batched with its neighbours, within `deadlineMs`. */
export function submitEventWrite(db: Db, payload: string, deadlineMs: number): Promise<WriteOutcome> {
  return batcherFor(db).submit(payload, deadlineMs);
}

export function writeQueueState(db: Db): WriteQueueState {
  return batchers.get(db)?.state() ?? { waiting: 0, oldestWaitMs: 0 };
}

export function writeBatchStats(db: Db): WriteBatchStats {
  return { ...batcherFor(db).stats };
}
