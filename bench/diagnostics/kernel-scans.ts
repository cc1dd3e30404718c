// With BENCH_TIMELINE, on Linux: the kernel's memory monitor (DAMON, its `kdamond` threads), when
// the machine runs one, is watched while a paced phase is measured. Some virtual machines run it to
// find memory the host can take back: every sampling interval (about half a second) it checks and
// clears the accessed bit of pages all over the machine, the server's, the database's and the load
// generator's alike, and every process waits while their page tables and TLBs are flushed. Under
// this bench's load each scan took 10–19 ms of CPU over 12–44 ms, against about 2 ms on an idle
// machine, and the slow requests of a half-load phase came in bursts at the same cadence. The bench
// prints the scans and the slow requests in flight during one.
import fs from "node:fs";
import { inFlightDuring, type SlowRequest } from "../paced";

const SAMPLE_MS = 5;
/** CPU time within this long of the last is the same scan. */
const SAME_SCAN_MS = 20;

type Scan = { from: number; to: number; cpuMs: number };
export type ScanWatch = { stop: () => Scan[] };

/** The pids of the processes and kernel threads whose name (`/proc/<pid>/comm`) passes `match`. */
export function processesNamed(match: (comm: string) => boolean): string[] {
  if (!fs.existsSync("/proc")) return [];
  return fs.readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return match(fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim());
    } catch {
      return false; // gone between the listing and the read
    }
  });
}

/** The kernel's kdamond threads, by pid (none when the machine runs no memory monitor). */
const monitorThreads = () => processesNamed((comm) => comm.startsWith("kdamond"));

/** Nanoseconds the threads have spent on a CPU (the first field of schedstat). */
function cpuNs(pids: readonly string[]): number {
  let ns = 0;
  for (const pid of pids) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // the thread is gone: it no longer counts
    }
  }
  return ns;
}

export function watchKernelScans(): ScanWatch | undefined {
  const pids = monitorThreads();
  if (pids.length === 0) return undefined;
  const scans: Scan[] = [];
  let last = cpuNs(pids);
  let lastAt = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const ns = cpuNs(pids);
    if (ns > last) {
      const open = scans.at(-1);
      if (open && lastAt - open.to <= SAME_SCAN_MS) {
        open.to = now;
        open.cpuMs += (ns - last) / 1e6;
      } else {
        scans.push({ from: lastAt, to: now, cpuMs: (ns - last) / 1e6 });
      }
    }
    last = ns;
    lastAt = now;
  }, SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return scans;
    },
  };
}

/** The summary line: the scans (offset, span, CPU), and the slow requests in flight during one. */
export function describeKernelScans(scans: readonly Scan[], phaseStart: number, slow: readonly SlowRequest[]): string[] {
  const cpu = scans.reduce((sum, s) => sum + s.cpuMs, 0);
  const listed = scans.map((s) => `${((s.from - phaseStart) / 1000).toFixed(2)}s:${s.to - s.from}ms/${s.cpuMs.toFixed(1)}ms`);
  return [
    `kernel memory monitor (kdamond): ${scans.length} scans, ${cpu.toFixed(0)} ms of CPU in all` +
      `${listed.length ? ` — span/CPU ${listed.slice(0, 60).join(" ")}` : ""}; slow requests in flight during one: ${inFlightDuring(slow, scans)} of ${slow.length}`,
  ];
}
