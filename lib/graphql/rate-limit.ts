// Requests per caller per process: at most 600 in a minute, counted in a window that opens with
// the caller's first request and lasts 60 s. Per process on purpose (no shared store); docs/api.md
// says so.

export const RATE_LIMIT_PER_MINUTE = 600;
const WINDOW_MS = 60_000;
const MAX_KEYS = 50_000;

type Window = { startedAt: number; count: number };

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limit = RATE_LIMIT_PER_MINUTE) {}

  /** Counts one request for `key`: 0 when allowed, else the seconds until its window closes. */
  take(key: string, now = Date.now()): number {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      // Delete-and-set keeps the Map in insertion order of windows, so the oldest goes first.
      this.windows.delete(key);
      this.windows.set(key, window);
      if (this.windows.size > MAX_KEYS) this.windows.delete(this.windows.keys().next().value!);
    }
    if (window.count < this.limit) {
      window.count += 1;
      return 0;
    }
    return Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
  }
}
