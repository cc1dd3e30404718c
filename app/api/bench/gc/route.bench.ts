// GET /api/bench/gc?since=<epoch ms> (BENCH=1 builds only): this server process's garbage
// collections since then, and the stretches in which its event loop ran nothing else for
// STALL_MS or more, both watched from the first call on, so the bench can set a phase's slow
// requests beside what the server was doing.
import { constants, PerformanceObserver, performance } from "node:perf_hooks";

type Collection = { at: number; ms: number; major: boolean };
type Stall = { at: number; ms: number };

/** About an hour of scavenges under load: enough for a run, bounded for a long-lived server. */
const LIMIT = 50_000;
const collections: Collection[] = [];
const stalls: Stall[] = [];

/** A timer due every TICK_MS that fires STALL_MS late or more marks a stall: the loop was busy. */
const TICK_MS = 5;
const STALL_MS = 20;
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - last - TICK_MS;
  if (late >= STALL_MS) stalls.push({ at: performance.timeOrigin + last + TICK_MS, ms: late });
  if (stalls.length > LIMIT) stalls.splice(0, stalls.length - LIMIT);
  last = now;
}, TICK_MS).unref();

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    // Incremental marking steps and weak-callback passes are left out: a major collection's pause
    // and the young generation's scavenges are what stop the server's requests.
    if (kind !== constants.NODE_PERFORMANCE_GC_MAJOR && kind !== constants.NODE_PERFORMANCE_GC_MINOR) continue;
    collections.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration, major: kind === constants.NODE_PERFORMANCE_GC_MAJOR });
  }
  if (collections.length > LIMIT) collections.splice(0, collections.length - LIMIT);
}).observe({ entryTypes: ["gc"] });

export function GET(request: Request) {
  const since = Number(new URL(request.url).searchParams.get("since")) || 0;
  return Response.json(
    { collections: collections.filter((c) => c.at >= since), stalls: stalls.filter((s) => s.at >= since) },
    { headers: { "cache-control": "no-store" } },
  );
}
