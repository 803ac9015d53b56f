import { describe, expect, it } from "vitest";
import { UserCache, type UserCacheEntry } from "../../src/memory/user-cache.js";

const deferred = () => {
  let resolve!: (value: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
};

function cacheOf(limits: { maxBytes?: number; maxAgeMs?: number; maxStaleMs?: number; keepOversized?: boolean }) {
  let now = 0;
  const loads: string[] = [];
  const refreshes: Array<ReturnType<typeof deferred>> = [];
  const cache = new UserCache<string>(
    { maxBytes: 10, maxAgeMs: Infinity, keepOversized: true, ...limits, clock: () => now },
    {
      create: (at): UserCacheEntry<string> => ({ loadedAt: at, writes: 0 }),
      load: async (userId) => {
        loads.push(userId);
        return `${userId}@${now}`;
      },
      refresh: async (_userId, entry, current) => {
        const next = deferred();
        refreshes.push(next);
        const value = await next.promise;
        if (current()) entry.value = value;
      },
      bytes: (value) => value.length,
    },
  );
  return { cache, loads, refreshes, tick: (ms: number) => (now += ms) };
}

describe("UserCache", () => {
  it("loads once per user and evicts the least recently used users beyond the byte budget", async () => {
    const { cache, loads } = cacheOf({ maxBytes: 8 });
    expect(await cache.get("a")).toBe("a@0");
    expect(await cache.get("b")).toBe("b@0");
    await cache.get("a");
    expect(await cache.get("c")).toBe("c@0");
    expect(cache.users()).toEqual(["a", "c"]);
    expect(loads).toEqual(["a", "b", "c"]);
  });

  it("keeps a user alone over the budget only when keepOversized", async () => {
    const kept = cacheOf({ maxBytes: 2 });
    await kept.cache.get("a");
    expect(kept.cache.users()).toEqual(["a"]);
    const dropped = cacheOf({ maxBytes: 2, keepOversized: false });
    await dropped.cache.get("a");
    expect(dropped.cache.users()).toEqual([]);
  });

  it("serves the old value while refreshing in the background, and drops a refresh that raced a write", async () => {
    const { cache, refreshes, tick } = cacheOf({ maxAgeMs: 100 });
    await cache.get("a");
    tick(100);
    expect(await cache.get("a")).toBe("a@0");
    expect(await cache.get("a")).toBe("a@0");
    expect(refreshes).toHaveLength(1);
    refreshes[0]!.resolve("a-new");
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get("a")).toBe("a-new");
    tick(100);
    await cache.get("a");
    cache.entry("a")!.writes++;
    refreshes[1]!.resolve("a-raced");
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get("a")).toBe("a-new");
  });

  it("waits for a new load once a value is older than maxStaleMs", async () => {
    const { cache, loads, tick } = cacheOf({ maxAgeMs: 100, maxStaleMs: 1_000 });
    await cache.get("a");
    tick(1_000);
    expect(await cache.get("a")).toBe("a@1000");
    expect(loads).toEqual(["a", "a"]);
  });
});
