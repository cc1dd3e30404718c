// GET /api/bench/gc?since=<epoch ms> (BENCH=1 builds only): this server process's garbage
// collections since then, watched from the first call on, so the bench can set a phase's slow
// requests beside the collections that ran during it.
import { constants, PerformanceObserver, performance } from "node:perf_hooks";

type Collection = { at: number; ms: number; major: boolean };

/** About an hour of scavenges under load: enough for a run, bounded for a long-lived server. */
const LIMIT = 50_000;
const collections: Collection[] = [];

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
  return Response.json({ collections: collections.filter((c) => c.at >= since) }, { headers: { "cache-control": "no-store" } });
}
