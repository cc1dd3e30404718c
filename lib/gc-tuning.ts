// The server's garbage-collector settings: V8 flags set when the server starts (instrumentation),
// so `next start` needs no node options. Each was measured with `npm run bench` (README "Benchmarks").
import v8 from "node:v8";

/**
 * - `--no-allocation-site-pretenuring`: V8 otherwise marks some allocation sites long-lived and
 *   allocates their objects straight in the old generation; dead there, they keep the young
 *   objects they point to (request bodies, query parameters) alive until a full mark-compact.
 *   About 3× less promoted per request on a one-INSERT route.
 * - `--heap-growing-percent=300`: after a mark-compact the old generation may grow to 4× what
 *   survived (about 50 MB live here) before the next. V8's own factor shrinks as promotion slows,
 *   so at half load it still ran one every 3–6 s, each slowing 100–200 ms of requests.
 */
export const SERVER_V8_FLAGS = ["--no-allocation-site-pretenuring", "--heap-growing-percent=300"] as const;

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
