// An open-loop load at a steady rate: one request every 1/rate seconds, latency measured per
// request. autocannon's rate limit releases each second's requests in one burst, which measures
// its own queue rather than the server's latency at that load.
import http from "node:http";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

/** A request slower than BENCH_TIMELINE's threshold: its start (epoch milliseconds) and latency. */
export type SlowRequest = { at: number; ms: number };

/** How many of `slow` were in flight at some point of one of `windows` (epoch milliseconds, inclusive). */
export function inFlightDuring(slow: readonly SlowRequest[], windows: readonly { from: number; to: number }[]): number {
  return slow.filter((r) => windows.some((w) => r.at <= w.to && r.at + r.ms >= w.from)).length;
}

export interface PacedResult {
  sent: number;
  ok: number;
  /** Requests that got no response (the socket failed), by error code in `errorCodes`. */
  errors: number;
  errorCodes: Record<string, number>;
  /** Responses with a status of 300 or more. */
  non2xx: number;
  p50: number;
  p99: number;
  /** Epoch milliseconds of the first request. */
  startedAt: number;
  /** With BENCH_TIMELINE: the requests slower than its threshold. */
  slow: SlowRequest[];
}

/**
 * The generator's connections. FIFO reuse keeps every open socket busy: with the default (LIFO) a
 * socket opened in a burst can sit idle past the server's keep-alive timeout and be closed just as
 * a request is sent on it. A phase passes one agent to its unmeasured and its measured load, so the
 * measured window goes on over the connections already open, as a sender's steady traffic does.
 */
export function pacedAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 64, scheduling: "fifo" });
}

export async function pacedLoad(options: {
  url: string;
  rate: number;
  duration: number;
  request: () => { body: string; headers: Record<string, string> };
  /** Connections to send on (pacedAgent()); left open, for the caller to close. */
  agent: http.Agent;
}): Promise<PacedResult> {
  const { agent } = options;
  const target = new URL(options.url);
  const latencies: number[] = [];
  const timeline: Array<[number, number]> = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const errorCodes: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  const total = Math.floor(options.rate * options.duration);
  const interval = 1000 / options.rate;
  // The generator's own stalls would show as slow responses: with BENCH_TIMELINE, its event loop is watched too.
  const loopDelay = process.env.BENCH_TIMELINE ? monitorEventLoopDelay({ resolution: 5 }) : undefined;
  loopDelay?.enable();
  const start = performance.now();

  const send = () =>
    new Promise<void>((resolve) => {
      const { body, headers } = options.request();
      const began = performance.now();
      const req = http.request(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - began);
            if (process.env.BENCH_TIMELINE) timeline.push([began - start, performance.now() - began]);
            if (res.statusCode && res.statusCode < 300) ok++;
            else non2xx++;
            resolve();
          });
        },
      );
      req.on("error", (error: NodeJS.ErrnoException) => {
        errors++;
        const code = error.code ?? error.message;
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
        resolve();
      });
      req.end(body);
    });

  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send());
  }
  await Promise.all(pending);
  const startedAt = performance.timeOrigin + start;
  // BENCH_TIMELINE=<ms>: list the requests slower than that (100 ms when not a number).
  const threshold = Number(process.env.BENCH_TIMELINE) || 100;
  const slow = timeline.filter(([, ms]) => ms > threshold).map(([at, ms]) => ({ at: startedAt + at, ms }));
  if (process.env.BENCH_TIMELINE) {
    const listed = slow.map(({ at, ms }) => `${((at - startedAt) / 1000).toFixed(2)}s:${ms.toFixed(0)}ms`);
    loopDelay?.disable();
    console.error(`[bench] load generator's event loop: max delay ${((loopDelay?.max ?? 0) / 1e6).toFixed(0)} ms, p99 ${((loopDelay?.percentile(99) ?? 0) / 1e6).toFixed(0)} ms`);
    console.error(`[bench] slow requests (${slow.length}, times from ${new Date(startedAt).toISOString()}): ${listed.slice(0, 400).join(" ")}`);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1));
  return { sent: total, ok, errors, errorCodes, non2xx, p50: at(0.5), p99: at(0.99), startedAt, slow };
}
