// On Linux: where the machine's CPU went during a full-load phase, per request answered. The
// server process (and its main thread, which runs every request's JavaScript and can use one core
// at most), the database's processes on this machine (none for the embedded database, which runs
// inside the server), this process (the load generator) and everything else the cores did. The
// ratio pipeline/baseline is read from these: when the server's main thread is busy all the
// phase, the server's CPU per request sets the rate, and what the others take is what the main
// thread has to share the two cores with.
import fs from "node:fs";
import { readTimes, ticksToMs } from "./cpu-steal";
import { processesNamed } from "./kernel-scans";

type Reading = { serverMs: number; mainThreadMs: number; mainThreadWaitMs: number; databaseMs: number; generatorMs: number; busyMs: number; idleMs: number; at: number };
export type CpuSplit = { wallMs: number; serverMs: number; mainThreadMs: number; mainThreadWaitMs: number; databaseMs: number; generatorMs: number; otherMs: number; busyMs: number; idleMs: number };

/** utime + stime of a process (all its threads, live and exited), in milliseconds; 0 once it is gone. */
function processMs(pid: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ticksToMs(Number(fields[11]) + Number(fields[12]));
  } catch {
    return 0;
  }
}

/**
 * One thread's schedstat, in milliseconds: the time it ran on a core, and the time it was ready to
 * run but waited for one (on a run queue, while the cores ran something else).
 */
function threadMs(pid: number, tid: number): { ran: number; waited: number } {
  try {
    const [ran, waited] = fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ").map(Number);
    return { ran: ran / 1e6, waited: waited / 1e6 };
  } catch {
    return { ran: 0, waited: 0 };
  }
}

/** Every `postgres` process on this machine, by pid, with its CPU time so far. */
function databaseProcesses(): Map<string, number> {
  return new Map(processesNamed((comm) => comm === "postgres").map((pid) => [pid, processMs(pid)]));
}

function generatorMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Starts counting; `stop()` returns the phase's split. Undefined where there is no /proc to read. */
export function watchCpuSplit(serverPid: number | undefined): { stop: () => CpuSplit } | undefined {
  if (!serverPid || !fs.existsSync(`/proc/${serverPid}/stat`) || !fs.existsSync("/proc/stat")) return undefined;
  const databaseBefore = databaseProcesses();
  const read = (database: Map<string, number>): Reading => {
    const mainThread = threadMs(serverPid, serverPid);
    const machine = readTimes()!;
    return {
      serverMs: processMs(serverPid),
      mainThreadMs: mainThread.ran,
      mainThreadWaitMs: mainThread.waited,
      // A database process that started during the phase counts from zero.
      databaseMs: [...database].reduce((sum, [pid, ms]) => sum + ms - (databaseBefore.get(pid) ?? 0), 0),
      generatorMs: generatorMs(),
      busyMs: machine.total - machine.idle,
      idleMs: machine.idle,
      at: performance.now(),
    };
  };
  const first = read(databaseBefore);
  return {
    stop: () => {
      const last = read(databaseProcesses());
      const d = (key: keyof Reading) => last[key] - first[key];
      const known = d("serverMs") + d("databaseMs") + d("generatorMs");
      return {
        wallMs: d("at"),
        serverMs: d("serverMs"),
        mainThreadMs: d("mainThreadMs"),
        mainThreadWaitMs: d("mainThreadWaitMs"),
        databaseMs: d("databaseMs"),
        generatorMs: d("generatorMs"),
        otherMs: Math.max(0, d("busyMs") - known),
        busyMs: d("busyMs"),
        idleMs: d("idleMs"),
      };
    },
  };
}

/** One line: CPU milliseconds per answered request for each part, and how busy the server's main thread was. */
export function describeCpuSplit(name: string, split: CpuSplit, answered: number): string {
  const per = (ms: number) => (ms / Math.max(1, answered)).toFixed(2);
  const share = (ms: number) => `${((100 * ms) / Math.max(1, split.wallMs)).toFixed(0)} %`;
  return (
    `${name}: CPU ms per request — server ${per(split.serverMs)} (its main thread ${per(split.mainThreadMs)}, running ${share(split.mainThreadMs)} of the phase and waiting for a core ${share(split.mainThreadWaitMs)}), ` +
    `database processes ${per(split.databaseMs)}, load generator ${per(split.generatorMs)}, everything else ${per(split.otherMs)}; ` +
    `the cores idle ${((100 * split.idleMs) / Math.max(1, split.idleMs + split.busyMs)).toFixed(0)} % of their time`
  );
}
