// Deadlines for what a request waits on the database for. The embedded database (PGlite) runs in
// this process and cannot be interrupted: a deadline there only stops the request from waiting.
import { DatabaseDeadlineError } from "./faults";

/** A webhook delivery's whole wait for the database, connecting and writing included. */
export const REQUEST_DEADLINE_MS = 5_000;
/** Set in request transactions only (never on the connection: migrations, pruning and long jobs share the pool). */
export const REQUEST_STATEMENT_TIMEOUT_MS = 5_000;
export const REQUEST_LOCK_TIMEOUT_MS = 3_000;

/** `work`, or a DatabaseDeadlineError once `ms` have passed (the work itself goes on, unobserved). */
export function withDeadline<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  if (ms <= 0) {
    work.catch(() => {});
    return Promise.reject(new DatabaseDeadlineError(what, 0));
  }
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      work.catch(() => {});
      reject(new DatabaseDeadlineError(what, ms));
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** A request's budget: each wait gets what is left of it. */
export class Deadline {
  private readonly at: number;
  constructor(readonly ms: number = REQUEST_DEADLINE_MS) {
    this.at = performance.now() + ms;
  }
  remaining(): number {
    return Math.max(0, Math.round(this.at - performance.now()));
  }
  wait<T>(what: string, work: Promise<T>): Promise<T> {
    return withDeadline(what, this.remaining(), work);
  }
}
