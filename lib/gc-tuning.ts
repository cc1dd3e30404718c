// The server's garbage-collector settings: V8 flags set when the server starts (instrumentation),
// so `next start` needs no node options. Each was measured with `npm run bench` (README "Benchmarks").
import v8 from "node:v8";

/**
 * - `--no-allocation-site-pretenuring`: V8 otherwise marks some allocation sites long-lived and
 *   allocates their objects straight in the old generation; dead there, they keep the young
 *   objects they point to (request bodies, query parameters) alive until a full mark-compact.
 *   About 3× less promoted per request on a one-INSERT route.
 * - `--heap-growing-percent=500`: after a mark-compact the old generation may grow to 6× what
 *   survived (about 50 MB live here) before the next. V8's own factor shrinks as promotion slows,
 *   so at half load it ran one every 3–6 s, each slowing 100–200 ms of requests. At 300 % half of
 *   the bench's 15 s paced windows still held one (9 of 18), each putting 23–54 requests over 25 ms;
 *   at 500 % 2 of 14 did, for a peak server RSS of 573 MB against 388 MB over a bench run. What
 *   is promoted is mostly the framework's: every request's Request object is registered with a
 *   FinalizationRegistry (its abort signal), which young-generation collections keep alive.
 */
export const SERVER_V8_FLAGS = ["--no-allocation-site-pretenuring", "--heap-growing-percent=500"] as const;

/** The flag's name without `--`, `no-` or a value, with `_` spelled `-`, as V8 reads it. */
function flagName(arg: string): string {
  return arg.replace(/^--/, "").replace(/=.*$/, "").replaceAll("_", "-").replace(/^no-/, "");
}

/** Sets each of SERVER_V8_FLAGS that the node command line (`execArgv`) does not set itself; returns those set. */
export function tuneGarbageCollector(execArgv: readonly string[] = process.execArgv, set = v8.setFlagsFromString): string[] {
  const given = new Set(execArgv.filter((arg) => arg.startsWith("--")).map(flagName));
  const applied = SERVER_V8_FLAGS.filter((flag) => !given.has(flagName(flag)));
  for (const flag of applied) set(flag);
  return applied;
}
