// With BENCH_TIMELINE, when the database's files are on this machine: while the half-load phase
// runs, the disk holding them is watched through /proc/diskstats every few milliseconds. A stall is
// a stretch in which the disk had requests in progress and completed none; every commit waits for
// the disk's flush of the WAL, so a request in flight across a stall waits for it too. The bench
// lists the stalls beside the slow requests and counts the slow requests in flight during one. Reading
// /proc costs the database nothing, unlike sampling pg_stat_activity, whose snapshots contend with
// commits for the same lock and slowed the requests they were watching.
import fs from "node:fs";
import { inFlightDuring, type SlowRequest } from "../paced";

const INTERVAL_MS = 4;
/** A stretch without completions shorter than this is ordinary service time. */
const MIN_STALL_MS = 20;

/** A stall: epoch milliseconds of its first and last sample. */
export type DiskStall = { from: number; to: number };

export type DiskWatch = { stop: () => { stalls: DiskStall[]; flushes: number; flushMs: number } };

type Counters = { completed: number; inFlight: number; flushes: number; flushMs: number };

/** The device's line of /proc/diskstats (fields after the name: see the kernel's iostats.rst). */
function readCounters(major: number, minor: number): Counters | undefined {
  for (const line of fs.readFileSync("/proc/diskstats", "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (Number(f[0]) !== major || Number(f[1]) !== minor) continue;
    const n = (i: number) => Number(f[2 + i] ?? 0);
    return { completed: n(1) + n(5) + n(12) + n(16), inFlight: n(9), flushes: n(16), flushMs: n(17) };
  }
  return undefined;
}

/** Watches the disk holding `directory`; undefined when it is not on this machine (or not Linux). */
export function watchDisk(directory: string): DiskWatch | undefined {
  let dev: number;
  try {
    dev = fs.statSync(directory).dev;
  } catch {
    return undefined;
  }
  const major = (dev >> 8) & 0xfff;
  const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
  const first = fs.existsSync("/proc/diskstats") ? readCounters(major, minor) : undefined;
  if (!first) return undefined;
  const stalls: DiskStall[] = [];
  let last = first;
  let stuckSince: number | null = null;
  let stuckUntil = 0;
  const close = () => {
    if (stuckSince !== null && stuckUntil - stuckSince >= MIN_STALL_MS) stalls.push({ from: stuckSince, to: stuckUntil });
    stuckSince = null;
  };
  const timer = setInterval(() => {
    const now = Date.now();
    const c = readCounters(major, minor);
    if (!c) return;
    if (c.completed === last.completed && c.inFlight > 0 && last.inFlight > 0) {
      stuckSince ??= now - INTERVAL_MS;
      stuckUntil = now;
    } else {
      close();
    }
    last = c;
  }, INTERVAL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      close();
      const end = readCounters(major, minor) ?? last;
      return { stalls, flushes: end.flushes - first.flushes, flushMs: end.flushMs - first.flushMs };
    },
  };
}

/** The summary lines: the stalls (offsets from the phase's start) and the slow requests in flight during one. */
export function describeDiskStalls(
  watched: ReturnType<DiskWatch["stop"]>,
  phaseStart: number,
  slow: readonly SlowRequest[],
): string[] {
  const { stalls, flushes, flushMs } = watched;
  const during = inFlightDuring(slow, stalls);
  const listed = stalls.map((s) => `${((s.from - phaseStart) / 1000).toFixed(2)}s:${s.to - s.from}ms`);
  return [
    `disk: ${flushes} cache flushes, ${flushes ? (flushMs / flushes).toFixed(2) : "0"} ms each on average; ` +
      `stalls (requests in progress, none completed, ${MIN_STALL_MS} ms or more): ${stalls.length}${listed.length ? ` — ${listed.slice(0, 100).join(" ")}` : ""}`,
    `slow requests in flight during a disk stall: ${during} of ${slow.length}`,
  ];
}
