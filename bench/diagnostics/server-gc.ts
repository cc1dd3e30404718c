// With BENCH_TIMELINE: the server's garbage collections during a paced phase (GET /api/bench/gc),
// listed beside its slow requests. A mark-compact's pause is short (about 10–15 ms here), but it ends
// a marking phase in which concurrent marker threads compete with the server and the database for
// the two cores, and the requests queued meanwhile drain after it: the slow requests of a half-load
// phase come in bursts of 100–200 ms around one. So a slow request counts as near a mark-compact
// when it was in flight within NEAR_MS of the pause.

import { inFlightDuring, type SlowRequest } from "../paced";

export type ServerCollection = { at: number; ms: number; major: boolean };
/** A stretch in which the server's event loop ran nothing else (its timers fired this late). */
export type ServerStall = { at: number; ms: number };
export type ServerActivity = { collections: ServerCollection[]; stalls: ServerStall[] };

/** Marking before a mark-compact took 45–105 ms of wall time in this server (`--trace-gc`), and the backlog about as long to drain. */
const NEAR_MS = 100;

/** Starts the server's watch (the route's first call loads it): collections before that go unseen. */
export async function armServerGc(base: string): Promise<void> {
  const now = Date.now();
  await readServerGc(base, now, now);
}

export async function readServerGc(base: string, from: number, to: number): Promise<ServerActivity> {
  const response = await fetch(`${base}/api/bench/gc?since=${from}`);
  const { collections, stalls } = (await response.json()) as ServerActivity;
  return { collections: collections.filter((c) => c.at <= to), stalls: stalls.filter((s) => s.at <= to) };
}

/**
 * The summary lines: mark-compacts (offsets from the phase's start, pause), scavenges, the slow
 * requests near a mark-compact, then the event loop's stalls and the slow requests in flight during one.
 */
export function describeServerGc({ collections, stalls }: ServerActivity, phaseStart: number, slow: readonly SlowRequest[]): string[] {
  const majors = collections.filter((c) => c.major);
  const scavenges = collections.filter((c) => !c.major);
  const longest = scavenges.reduce((max, c) => Math.max(max, c.ms), 0);
  const scavengeMs = scavenges.reduce((sum, c) => sum + c.ms, 0);
  const near = inFlightDuring(slow, majors.map((c) => ({ from: c.at - NEAR_MS, to: c.at + c.ms + NEAR_MS })));
  const offset = (c: { at: number; ms: number }) => `${((c.at - phaseStart) / 1000).toFixed(2)}s:${c.ms.toFixed(0)}ms`;
  const listed = majors.map(offset);
  const stalled = inFlightDuring(slow, stalls.map((s) => ({ from: s.at, to: s.at + s.ms })));
  return [
    `server GC: ${majors.length} mark-compacts${listed.length ? ` — ${listed.join(" ")}` : ""}; ` +
      `${scavenges.length} scavenges, ${scavengeMs.toFixed(0)} ms in all, the longest ${longest.toFixed(1)} ms`,
    `slow requests in flight within ${NEAR_MS} ms of a mark-compact's pause: ${near} of ${slow.length}`,
    `server event-loop stalls: ${stalls.length}${stalls.length ? ` — ${stalls.slice(0, 60).map(offset).join(" ")}` : ""}; slow requests in flight during one: ${stalled} of ${slow.length}`,
  ];
}
