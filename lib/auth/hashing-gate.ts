import { availableParallelism } from "node:os";
import { AppError } from "@/lib/result";

/**
 * A process-wide cap on concurrent password hashing (scrypt: ~100 ms of a core and 32 MB each), with
 * a short bounded queue. When the queue is full the caller is refused at once with a 429, so a flood
 * of junk sign-ins costs the server a bounded amount of work and real sign-ins wait at most a queue's
 * length of hashes instead of behind every junk attempt.
 */
export const BUSY_MESSAGE = "The server is busy checking other sign-ins. Try again in a few seconds.";
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** The gate's counters: one per process, shared by every server bundle through globalThis. */
export interface HashingGateState {
  running: number;
  waiting: Array<() => void>;
}

export class HashingGate {
  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
    private readonly state: HashingGateState = { running: 0, waiting: [] },
  ) {}

  /** Runs `work` when a slot is free; throws a rate_limited AppError at once when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state.running >= this.concurrency) {
      if (state.waiting.length >= this.queueLimit) throw new AppError("rate_limited", BUSY_MESSAGE);
      await new Promise<void>((resolve) => state.waiting.push(resolve));
    } else {
      state.running++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = state.waiting.shift();
      if (next) next();
      else state.running--;
    }
  }

  /** True when a new hash would be refused: callers check it first to spare the work before hashing. */
  get full(): boolean {
    return this.state.running >= this.concurrency && this.state.waiting.length >= this.queueLimit;
  }

  get load(): { running: number; waiting: number } {
    return { running: this.state.running, waiting: this.state.waiting.length };
  }
}

// Next compiles each route into its own bundle, each with its own copy of this module (and of
// AppError): the counters live on globalThis so the cap is one per process, while each copy throws
// errors its own bundle recognises.
const globalForGate = globalThis as unknown as { crmHashingGateState?: HashingGateState };
let gate: HashingGate | undefined;

/** The process's gate: one hash per core (at least 2), and a queue of 4 per slot. */
export function hashingGate(): HashingGate {
  if (!gate) {
    const slots = Math.max(2, availableParallelism());
    gate = new HashingGate(slots, slots * 4, (globalForGate.crmHashingGateState ??= { running: 0, waiting: [] }));
  }
  return gate;
}
