// With BENCH_TIMELINE, on Linux: while a paced phase is measured, the machine's CPU time is read
// from /proc/stat every SAMPLE_MS. On a shared virtual machine the hypervisor can hand our cores to
// someone else ("steal"); every process here then waits, the server, the database and the load
// generator alike, and the phase's latency shows it. The bench prints the phase's steal and idle
// time, the samples in which STEAL_MS or more was stolen, and the slow requests in flight during one.
import fs from "node:fs";
import { inFlightDuring, type SlowRequest } from "../paced";

const SAMPLE_MS = 100;
/** A sample with this much stolen (over all cores) is listed. */
const STEAL_MS = 20;

type Times = { steal: number; idle: number; total: number };
type StealSample = { from: number; to: number; ms: number };
export type StealWatch = { stop: () => { samples: StealSample[]; stealMs: number; idleMs: number; totalMs: number } };

/** The kernel counts CPU time in USER_HZ ticks, 100 a second. */
export const ticksToMs = (ticks: number) => ticks * 10;

/** The "cpu" line of /proc/stat (all cores), in milliseconds (idle includes I/O wait). */
export function readTimes(): Times | undefined {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
  if (!line?.startsWith("cpu ")) return undefined;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  return { steal: ticksToMs(f[7] ?? 0), idle: ticksToMs(f[3] + f[4]), total: ticksToMs(f.slice(0, 8).reduce((a, b) => a + b, 0)) };
}

export function watchSteal(): StealWatch | undefined {
  const first = fs.existsSync("/proc/stat") ? readTimes() : undefined;
  if (!first) return undefined;
  const samples: StealSample[] = [];
  let last = first;
  let lastAt = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const t = readTimes();
    if (!t) return;
    if (t.steal - last.steal >= STEAL_MS) samples.push({ from: lastAt, to: now, ms: t.steal - last.steal });
    last = t;
    lastAt = now;
  }, SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      const end = readTimes() ?? last;
      return { samples, stealMs: end.steal - first.steal, idleMs: end.idle - first.idle, totalMs: end.total - first.total };
    },
  };
}

/** The summary line: the phase's steal and idle time, the worst samples, and the slow requests in flight during one. */
export function describeSteal(watched: ReturnType<StealWatch["stop"]>, phaseStart: number, slow: readonly SlowRequest[]): string[] {
  const { samples, stealMs, idleMs, totalMs } = watched;
  const listed = samples.map((s) => `${((s.from - phaseStart) / 1000).toFixed(1)}s:${s.ms}ms`);
  const share = (ms: number) => (totalMs ? `${((100 * ms) / totalMs).toFixed(1)} %` : "0 %");
  return [
    `machine: ${stealMs} ms of CPU stolen by the hypervisor (${share(stealMs)} of the cores' time), ${share(idleMs)} idle; ` +
      `${SAMPLE_MS} ms samples with ${STEAL_MS} ms or more stolen: ${samples.length}${listed.length ? ` — ${listed.slice(0, 100).join(" ")}` : ""}; ` +
      `slow requests in flight during one: ${inFlightDuring(slow, samples)} of ${slow.length}`,
  ];
}
