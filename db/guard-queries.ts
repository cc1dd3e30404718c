// Two guarantees for every drizzle query, on both drivers, installed once per process where every
// query passes (PgPreparedQuery.queryWithCache):
//
// 1. A query that failed before it reached the server (the connection was refused, timed out, or
//    the server is starting, shutting down or out of connection slots) is sent again: once in any
//    case, then for as long as UNSENT_RETRY_MS allows. It cannot have run, so this is safe for any
//    statement, and a short restart or a lone connect timeout costs a delay instead of a failure
//    (postgres.js hands a query to a new connection while it may open one, and fails the query
//    when that connection is refused).
// 2. Query errors never carry their parameters (event payloads, emails, password hashes) into a
//    log: drizzle's DrizzleQueryError lists the bound values in its message and `params`, PGlite
//    attaches `params` to its own error, and the server's `detail` can quote a row. Whoever prints
//    such an error (our code, Next.js for an error thrown out of a page, a library) would print them.
import { PgPreparedQuery } from "drizzle-orm/pg-core";
import { faultCode } from "./faults";

/** How long a query that could not be sent keeps trying for a connection. */
export const UNSENT_RETRY_MS = 2_000;
const UNSENT_RETRY_PAUSE_MS = 50;
/** Failures that happen before the statement is sent: connecting, or the server refusing the connection. */
const UNSENT_CODES = new Set(["CONNECT_TIMEOUT", "ECONNREFUSED", "57P03", "53300"]);

const HIDDEN_KEYS = ["params", "parameters", "args", "queryOptions", "detail"] as const;

function hideValues(error: object): void {
  for (const key of HIDDEN_KEYS) {
    const property = Object.getOwnPropertyDescriptor(error, key);
    // Non-configurable ones are postgres.js's, defined non-enumerable already (never printed).
    if (!property?.configurable) continue;
    // `detail` stays readable in-process (a caller may branch on it), never printed.
    Object.defineProperty(error, key, { value: key === "detail" ? property.value : undefined, enumerable: false, writable: true, configurable: true });
  }
}

/** Removes bound values from a query error and its causes (in place; returns it). */
export function redactQueryError<T>(error: T): T {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    hideValues(e);
    // By shape rather than instanceof: a bundler may load drizzle's errors module twice.
    const wrapper = e as { query?: unknown; message?: unknown; name?: string; stack?: string };
    if (typeof wrapper.query === "string" && typeof wrapper.message === "string" && wrapper.message.startsWith("Failed query:")) {
      const message = `Failed query: ${wrapper.query}`;
      const frames = (wrapper.stack ?? "").split("\n").filter((line) => line.startsWith("    at "));
      wrapper.message = message;
      wrapper.stack = [`${wrapper.name ?? "Error"}: ${message}`, ...frames].join("\n");
    }
  }
  return error;
}

type QueryWithCache = (queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>;
const prototype = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryWithCache; crmGuarded?: true };

export function guardQueries(): void {
  if (prototype.crmGuarded) return;
  const original = prototype.queryWithCache;
  prototype.queryWithCache = async function (this: unknown, queryString, params, query) {
    const giveUpAt = performance.now() + UNSENT_RETRY_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        return await original.call(this, queryString, params, query);
      } catch (error) {
        // Always once more (a lone connect timeout on a healthy server), then within the window.
        const retry = UNSENT_CODES.has(faultCode(error) ?? "") && (attempt === 1 || performance.now() + UNSENT_RETRY_PAUSE_MS <= giveUpAt);
        if (!retry) throw redactQueryError(error);
        await new Promise((resolve) => setTimeout(resolve, UNSENT_RETRY_PAUSE_MS));
      }
    }
  };
  prototype.crmGuarded = true;
}
