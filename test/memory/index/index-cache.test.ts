import { describe, expect, it } from "vitest";
import { IndexCache } from "../../../src/memory/index/index-cache.js";
import type { MemoryRecord } from "../../../src/memory/types.js";

const record = (userId: string, id: string, content: string): MemoryRecord => ({
  id,
  userId,
  content,
  type: "fact",
  category: "other",
  importance: 0.5,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
  lastAccessedAt: null,
  accessCount: 0,
  source: {},
  validUntil: null,
});

describe("IndexCache", () => {
  it("loads each user once, evicts the least recently searched user, and applies writes made during a load", async () => {
    const loads: string[] = [];
    const cache = new IndexCache(
      async (userId) => {
        loads.push(userId);
        return { records: [record(userId, `${userId}-1`, `${userId} owns a kayak`)] };
      },
      { maxBytes: 3_500 },
    );
    await cache.get("a");
    await cache.get("b");
    await cache.get("a");
    await cache.get("c");
    expect(cache.users()).toEqual(["a", "c"]);
    expect(loads).toEqual(["a", "b", "c"]);

    const pending = cache.get("d");
    cache.upsert([record("d", "d-2", "d owns a canoe")]);
    cache.remove(["d-1"]);
    const fresh = await pending;
    expect(await cache.get("d")).toBe(fresh);
    expect(loads.filter((u) => u === "d")).toHaveLength(1);
    expect(fresh.search("canoe", { userId: "d" }, 5).map((h) => h.record.id)).toEqual(["d-2"]);
    expect(fresh.has("d-1")).toBe(false);

    cache.upsert([record("d", "d-3", "d owns a paddle")]);
    expect(fresh.search("paddle", { userId: "d" }, 5).map((h) => h.record.id)).toEqual(["d-3"]);
    cache.remove(["d-3"]);
    expect(fresh.search("paddle", { userId: "d" }, 5)).toEqual([]);
  });

  it("reloads a lexicon older than maxAgeMs in the background, serving the cached one meanwhile, and drops a reload raced by a write", async () => {
    let now = 0;
    let stored = [record("u", "u-1", "u owns a kayak")];
    let loads = 0;
    let release: (() => void) | undefined;
    const cache = new IndexCache(
      async () => {
        loads++;
        const snapshot = [...stored];
        if (loads > 1) await new Promise<void>((resolve) => (release = resolve));
        return { records: snapshot };
      },
      { maxAgeMs: 1_000, clock: () => now },
    );
    const first = await cache.get("u");
    stored = [...stored, record("u", "u-2", "u bought a kite")];
    now = 999;
    expect(await cache.get("u")).toBe(first);
    expect(loads).toBe(1);

    now = 1_000;
    expect(await cache.get("u")).toBe(first);
    expect(await cache.get("u")).toBe(first);
    expect(loads).toBe(2);
    release!();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    const reloaded = await cache.get("u");
    expect(reloaded).not.toBe(first);
    expect(reloaded.search("kite", { userId: "u" }, 5).map((h) => h.record.id)).toEqual(["u-2"]);

    now = 2_500;
    await cache.get("u");
    cache.upsert([record("u", "u-3", "u repaired the kite")]);
    release!();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get("u")).toBe(reloaded);
    expect(reloaded.search("repaired", { userId: "u" }, 5).map((h) => h.record.id)).toEqual(["u-3"]);
    expect(loads).toBe(4);
  });

  it("answers without a large user's index while its load runs past coldWaitMs, then serves the loaded index", async () => {
    let release: (() => void) | undefined;
    const cache = new IndexCache(
      async (userId, progress) => {
        progress.add(5_000);
        await new Promise<void>((resolve) => (release = resolve));
        return { records: [record(userId, "u-1", "u owns a kayak")], vectors: [[1, 0, 0]] };
      },
      { coldWaitMs: 20 },
    );
    expect(await cache.getWithin("u")).toBeUndefined();
    expect(cache.peek("u")).toBeUndefined();
    release!();
    const loaded = await cache.get("u");
    expect(loaded.vectorsComplete).toBe(true);
    expect(await cache.getWithin("u")).toBe(loaded);
    expect(cache.bytes()).toBeGreaterThan(0);
  });

  it("waits past coldWaitMs for a small user's index", async () => {
    const cache = new IndexCache(
      async (userId) => {
        await new Promise((resolve) => setTimeout(resolve, 60));
        return { records: [record(userId, "s-1", "s owns a kayak")] };
      },
      { coldWaitMs: 10 },
    );
    expect((await cache.getWithin("s"))?.size).toBe(1);
  });

  it("keeps the cached indexes within maxBytes, evicting the least recently searched users", async () => {
    const text = "x".repeat(200);
    const cache = new IndexCache(async (userId) => ({ records: [record(userId, `${userId}-1`, text)] }), { maxBytes: 12_000 });
    for (const user of ["a", "b", "c", "d", "e"]) await cache.get(user);
    expect(cache.bytes()).toBeLessThanOrEqual(12_000);
    expect(cache.users()).toEqual(["c", "d", "e"]);
  });
});
