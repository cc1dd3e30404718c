// Database faults, whichever driver raised them: what kind of failure an error is, whether the
// statement can be sent again, and a one-line description that never includes a query's values.

/** SQLSTATEs that mean "the database cannot serve this now" rather than "this request is wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown: the server is terminating this connection (fast shutdown, pg_terminate_backend)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
  "53300", // too_many_connections
  "55P03", // lock_not_available: lock_timeout passed
  "57014", // query_canceled: statement_timeout passed
]);

/** postgres.js and Node socket error codes for a connection that failed or went away. */
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * Failures after which the statement may be sent again on a fresh connection: the connection was
 * refused or lost, or the server is terminating it. The statement may have run before the loss
 * (except for the connect failures), so only idempotent work is retried on these.
 */
const FRESH_CONNECTION_CODES = new Set(["57P01", "57P02", "57P03", "CONNECTION_CLOSED", "CONNECT_TIMEOUT", "ECONNRESET", "ECONNREFUSED", "EPIPE"]);

/** The request waited for the database longer than its deadline (db/deadline.ts). */
export class DatabaseDeadlineError extends Error {
  readonly code = "DEADLINE";
  constructor(what: string, ms: number) {
    super(`${what}: no answer from the database within ${ms} ms`);
    this.name = "DatabaseDeadlineError";
  }
}

/** The event write queue is full: the database has stopped taking writes as fast as they come. */
export class WriteQueueFullError extends Error {
  readonly code = "QUEUE_FULL";
  constructor(limit: number) {
    super(`${limit} event writes are already waiting for the database`);
    this.name = "WriteQueueFullError";
  }
}

/** The first error code on the cause chain: a SQLSTATE, a connection code, or DEADLINE. */
export function faultCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.length > 0) return code;
  }
  return undefined;
}

/** The database is down, refusing, restarting, starved or locked past the deadline: answer 503. */
export function isUnavailable(error: unknown): boolean {
  const code = faultCode(error);
  return code !== undefined && (code === "DEADLINE" || code === "QUEUE_FULL" || UNAVAILABLE_SQLSTATES.has(code) || CONNECTION_CODES.has(code) || code.startsWith("08"));
}

export function isFreshConnectionRetryable(error: unknown): boolean {
  const code = faultCode(error);
  return code !== undefined && (FRESH_CONNECTION_CODES.has(code) || code.startsWith("08"));
}

/**
 * One line for a log: the code and the driver's own message, never drizzle's wrapper (its text
 * lists the query's parameters). Errors with no code keep their stack (a bug, not a fault).
 */
export function describeDbError(error: unknown): string {
  const code = faultCode(error);
  if (code) {
    for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
      if ((e as { code?: unknown }).code === code) return `${code}: ${String((e as { message?: unknown }).message ?? "")}`;
    }
  }
  if (error instanceof Error) {
    // A wrapper without a code (drizzle's) says which query failed: the text without the values.
    const message = error.message.startsWith("Failed query:") ? error.message.split("\nparams:")[0] : error.message;
    const cause = error.cause ? ` (cause: ${describeDbError(error.cause)})` : "";
    return `${error.name}: ${message}${cause}`;
  }
  return String(error);
}

/** A read, sent once more if its connection was lost or refused (reads are always safe to repeat). */
export async function readAgainIfLost<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isFreshConnectionRetryable(error)) throw error;
    return read();
  }
}
