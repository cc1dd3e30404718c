// Group commit for accepted events. At most MAX_IN_FLIGHT event writes run at once per database
// handle; deliveries that finish planning while those are in flight queue here and leave together as
// one call to app.record_events (drizzle/0010): one round trip, one transaction and one commit for
// the lot. Nothing ever waits for a timer: a lone event is written at once, so batching only
// happens when the database is already the bottleneck, and it is what keeps it from becoming one.
// Each caller still gets its own outcome, and is answered only after its event has committed.

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Concurrent event writes per database handle (the rest of the pool serves everything else). */
export const MAX_IN_FLIGHT = 4;
/** Events per call at most: bounds one transaction's size and how long its row locks are held. */
export const MAX_BATCH = 32;

export type WriteOutcome = { status: string; disabled?: number };

type Pending = { payload: string; resolve: (outcome: WriteOutcome) => void; reject: (error: unknown) => void };

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
  const call = (fn: string) =>
    db
      .select({ result: sql<unknown>`${sql.raw(fn)}(${sql.placeholder("payload")}::jsonb)` })
      .from(sql`(select 1) as one`)
      .prepare(fn.replace(".", "_"));
  const one = call("app.record_event");
  const many = call("app.record_events");
  return {
    writeOne: async (payload: string) => firstValue<WriteOutcome>(await one.execute({ payload })),
    writeMany: async (payloads: readonly string[]) => firstValue<WriteOutcome[]>(await many.execute({ payload: `[${payloads.join(",")}]` })),
  };
}

/** What a handle's batcher has done: database calls made, events written, the largest batch. */
export type WriteBatchStats = { calls: number; events: number; largestBatch: number };

class WriteBatcher {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  readonly stats: WriteBatchStats = { calls: 0, events: 0, largestBatch: 0 };
  private readonly statements: ReturnType<typeof writeStatements>;

  constructor(db: Db) {
    this.statements = writeStatements(db);
  }

  submit(payload: string): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ payload, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    if (batch.length > 1) {
      this.stats.calls++;
      try {
        const outcomes = await this.statements.writeMany(batch.map((p) => p.payload));
        batch.forEach((p, i) => p.resolve(outcomes[i]));
        this.stats.events += batch.length;
        return;
      } catch {
        // One event's error (a deadlock, an automation deleted mid-flight) rolled back the whole
        // call: write each on its own, so each caller gets its own outcome or error.
      }
    }
    this.stats.calls += batch.length;
    await Promise.all(
      batch.map((p) =>
        this.statements.writeOne(p.payload).then((outcome) => {
          this.stats.events++;
          p.resolve(outcome);
        }, p.reject),
      ),
    );
  }
}

const batchers = new WeakMap<Db, WriteBatcher>();

function batcherFor(db: Db): WriteBatcher {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new WriteBatcher(db)));
  return batcher;
}

/** Writes one event's records (app.record_event's argument, as JSON text), batched with its neighbours. */
export function submitEventWrite(db: Db, payload: string): Promise<WriteOutcome> {
  return batcherFor(db).submit(payload);
}

export function writeBatchStats(db: Db): WriteBatchStats {
  return { ...batcherFor(db).stats };
}
