// A small per-process cache whose entries expire after `ttlMs`, bounded in size (oldest first out),
// for the hot path's rarely-changing rows: webhook sources, active automations, workspace members.

export type TtlCacheOptions = {
  /**
   * Expire an entry `ttlMs` after its last use rather than after its load. Only for values whose
   * every use is checked against the database (the stamped automations and member lists: each
   * event's write refuses a stale stamp): the TTL then only retires idle entries, and a busy one is
   * not dropped and read again, with its compiled state, in the middle of the traffic it serves.
   */
  sliding?: boolean;
};

export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();
  private readonly loading = new Map<K, Promise<V>>();
  private readonly sliding: boolean;

  constructor(
    private readonly ttlMs: number,
    private readonly limit: number,
    options: TtlCacheOptions = {},
  ) {
    this.sliding = options.sliding ?? false;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = performance.now();
    if (entry.expires > now) {
      if (this.sliding) entry.expires = now + this.ttlMs;
      return entry.value;
    }
    this.entries.delete(key);
    return undefined;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: performance.now() + this.ttlMs });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as K);
  }

  /**
   * The cached value, or one load shared by every caller that misses at the same time: when an
   * entry expires under load, one query reloads it instead of one per request in flight.
   */
  getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    let pending = this.loading.get(key);
    if (!pending) {
      const started = load().then((value) => {
        // Invalidated while loading: hand the value to the callers waiting, but do not keep it.
        if (this.loading.get(key) === started) this.set(key, value);
        return value;
      });
      pending = started.finally(() => {
        if (this.loading.get(key) === started) this.loading.delete(key);
      });
      this.loading.set(key, started);
    }
    return pending;
  }

  delete(key: K): void {
    this.entries.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }
}
