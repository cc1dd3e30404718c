// Requests per caller per process: a token bucket of 600 that refills at 10 a second, so a client
// may burst but averages at most 600 requests a minute. Per process on purpose (no shared store);
// docs/api.md says so.

export const RATE_LIMIT_PER_MINUTE = 600;

type Bucket = { tokens: number; updatedAt: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly capacity = RATE_LIMIT_PER_MINUTE,
    private readonly perMs = RATE_LIMIT_PER_MINUTE / 60_000,
  ) {}

  /** Takes one request from `key`'s bucket: 0 when allowed, else the seconds until one is free. */
  take(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updatedAt: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    // Delete-and-set keeps the Map in least-recently-used order, so the oldest idle key goes first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > 50_000) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }
}
