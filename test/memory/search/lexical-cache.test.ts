import { describe, expect, it } from "vitest";
import { LexicalCache } from "../../../src/memory/search/lexical-cache.js";
import type { MemoryRecord } from "../../../src/memory/types.js";

const record = (userId: string, id: string, content: string): MemoryRecord => ({
  id, userId, content, type: "fact", category: "other", importance: 0.5, createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z", lastAccessedAt: null, accessCount: 0, source: {}, validUntil: null,
});

describe("LexicalCache", () => {
  it("loads each user once, evicts the least recently searched user, and drops a load raced by a write", async () => {
    const loads: string[] = [];
    const cache = new LexicalCache(async (userId) => {
      loads.push(userId);
      return [record(userId, `${userId}-1`, `${userId} owns a kayak`)];
    }, { maxUsers: 2 });
    await cache.get("a");
    await cache.get("b");
    await cache.get("a");
    await cache.get("c");
    expect(cache.users()).toEqual(["a", "c"]);
    expect(loads).toEqual(["a", "b", "c"]);

    const pending = cache.get("d");
    cache.upsert([record("d", "d-2", "d owns a canoe")]);
    await pending;
    expect(cache.users()).not.toContain("d");
    const fresh = await cache.get("d");
    expect(loads.filter((u) => u === "d")).toHaveLength(2);

    cache.upsert([record("d", "d-3", "d owns a paddle")]);
    expect(fresh.search("paddle", { userId: "d" }, 5).map((h) => h.record.id)).toEqual(["d-3"]);
    cache.remove(["d-3"]);
    expect(fresh.search("paddle", { userId: "d" }, 5)).toEqual([]);
  });
});
