import { afterEach, describe, expect, it, vi } from "vitest";
import { TtlCache } from "./ttl-cache";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("TtlCache.getOrLoad", () => {
  it("shares one load between every caller that misses at the same time", async () => {
    const cache = new TtlCache<string, number>(60_000, 10);
    const gate = deferred<number>();
    let loads = 0;
    const load = () => {
      loads++;
      return gate.promise;
    };
    const waiting = Array.from({ length: 50 }, () => cache.getOrLoad("k", load));
    gate.resolve(7);
    expect(await Promise.all(waiting)).toEqual(Array(50).fill(7));
    expect(loads).toBe(1);
    expect(await cache.getOrLoad("k", load)).toBe(7);
    expect(loads).toBe(1);
  });

  it("reloads after expiry and after invalidation, and does not keep a value invalidated mid-load", async () => {
    const cache = new TtlCache<string, number>(0, 10);
    let next = 0;
    const load = async () => ++next;
    expect(await cache.getOrLoad("k", load)).toBe(1);
    expect(await cache.getOrLoad("k", load)).toBe(2); // ttl 0: expired at once

    const keep = new TtlCache<string, number>(60_000, 10);
    const gate = deferred<number>();
    const first = keep.getOrLoad("k", () => gate.promise);
    keep.delete("k");
    gate.resolve(1);
    expect(await first).toBe(1);
    expect(await keep.getOrLoad("k", async () => 2)).toBe(2);
  });

  it("passes a failed load to every waiting caller and tries again next time", async () => {
    const cache = new TtlCache<string, number>(60_000, 10);
    const gate = deferred<number>();
    const a = cache.getOrLoad("k", () => gate.promise);
    const b = cache.getOrLoad("k", () => gate.promise);
    gate.reject(new Error("database down"));
    await expect(a).rejects.toThrow("database down");
    await expect(b).rejects.toThrow("database down");
    expect(await cache.getOrLoad("k", async () => 3)).toBe(3);
  });
});

/** Loads over `hits` uses of one key, `hitsEveryMs` apart on the faked clock. */
async function loadsOver(cache: TtlCache<string, number>, hitsEveryMs: number, hits: number): Promise<number> {
  let loads = 0;
  const load = async () => ++loads;
  await cache.getOrLoad("k", load);
  for (let i = 0; i < hits; i++) {
    vi.advanceTimersByTime(hitsEveryMs);
    await cache.getOrLoad("k", load);
  }
  return loads;
}

describe("TtlCache expiry", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("expires an entry ttl after its load, however often it is used", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    // Used every 400 ms for 2.4 s with a 1 s ttl: read again at 1.2 s and at 2.4 s.
    expect(await loadsOver(new TtlCache<string, number>(1_000, 10), 400, 6)).toBe(3);
  });

  it("with sliding expiry, keeps an entry in use and retires it once idle for the ttl", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    const cache = new TtlCache<string, number>(1_000, 10, { sliding: true });
    expect(await loadsOver(cache, 400, 6)).toBe(1);
    vi.advanceTimersByTime(999);
    expect(await cache.getOrLoad("k", async () => 99)).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(await cache.getOrLoad("k", async () => 99)).toBe(99);
  });
});
