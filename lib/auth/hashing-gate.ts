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

export class HashingGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
  ) {}

  /** Runs `work` when a slot is free; throws a rate_limited AppError at once when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) throw new AppError("rate_limited", BUSY_MESSAGE);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}

const globalForGate = globalThis as unknown as { crmHashingGate?: HashingGate };

/** The process's gate: one hash per core (at least 2), and a queue of 4 per slot. */
export function hashingGate(): HashingGate {
  const slots = Math.max(2, availableParallelism());
  globalForGate.crmHashingGate ??= new HashingGate(slots, slots * 4);
  return globalForGate.crmHashingGate;
}

export function isHashingBusy(error: unknown): boolean {
  return error instanceof AppError && error.code === "rate_limited" && error.message === BUSY_MESSAGE;
}
