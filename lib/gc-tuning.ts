// The server's garbage-collector settings: V8 flags set when the server starts (instrumentation),
// so `next start` needs no node options. Measured with `npm run bench`: docs/benchmarks.md.
import v8 from "node:v8";

/**
 * - `--no-allocation-site-pretenuring`: objects of sites V8 had marked long-lived went straight to
 *   the old generation and kept young request objects alive until a full mark-compact.
 * - `--heap-growing-percent=500`: the old generation grows to 6× what survived before the next
 *   mark-compact, so few of them land among live traffic, at the price of a larger heap.
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
