import { describe, expect, it } from "vitest";
import { IndexCache, type LoadedUser } from "../../../src/memory/index/index-cache.js";
import { SNAPSHOT_MIN_RECORDS, SnapshotStore } from "../../../src/memory/index/snapshot/snapshot-store.js";
import type { MemoryRecord } from "../../../src/memory/types.js";
import { tempDir } from "../../helpers/stores.js";

const record = (id: string, content: string, thread = "t1"): MemoryRecord => ({
  id,
  userId: "u",
  content,
  type: "fact",
  category: "other",
  importance: 0.5,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
  lastAccessedAt: null,
  accessCount: 0,
  source: { threadId: thread },
  validUntil: null,
});

const vectorOf = (i: number) => [Math.cos(i), Math.sin(i), 0.25];

/** A store of `count` rows for user u, with the rows changed after a point listed by loadChanges. */
function rows(count: number) {
  const stored = new Map<string, { record: MemoryRecord; vector: number[]; changedAt: number }>();
  for (let i = 0; i < count; i++)
    stored.set(`u-${i}`, { record: record(`u-${i}`, `note ${i} about ordinary things`), vector: vectorOf(i), changedAt: 0 });
  const list = (since: number): LoadedUser => {
    const picked = [...stored.values()].filter((r) => r.changedAt >= since);
    return { records: picked.map((r) => r.record), vectors: picked.map((r) => r.vector) };
  };
  const counts = { loads: 0, changes: 0 };
  return {
    stored,
    counts,
    load: async () => {
      counts.loads++;
      return list(-Infinity);
    },
    loadChanges: async (_userId: string, since: number) => {
      counts.changes++;
      return list(since);
    },
  };
}

describe("IndexCache with index snapshots", () => {
  it("snapshots a large user's index, and after a clean close loads it from the snapshot alone", async () => {
    const dir = tempDir();
    const store = rows(SNAPSHOT_MIN_RECORDS + 10);
    const first = new IndexCache(store.load, {}, store.loadChanges, new SnapshotStore(dir, "s"));
    expect((await first.get("u")).size).toBe(SNAPSHOT_MIN_RECORDS + 10);
    first.upsert([record("u-late", "a late note about a pangolin")], [vectorOf(7)]);
    await first.saveAll();

    const second = new IndexCache(store.load, {}, store.loadChanges, new SnapshotStore(dir, "s"));
    const lexicon = await second.get("u");
    expect(store.counts).toEqual({ loads: 1, changes: 0 });
    expect(lexicon.search("pangolin", { userId: "u" }, 5).map((h) => h.record.id)).toEqual(["u-late"]);
    expect(lexicon.vectorsComplete).toBe(true);
    expect(lexicon.vectors.similarity(Float32Array.from([1, 0, 0]), "u-0")).toBeCloseTo(1 / Math.hypot(1, 0, 0.25), 5);
  });

  it("after a crash, lays the rows written since the snapshot over it", async () => {
    const dir = tempDir();
    const store = rows(SNAPSHOT_MIN_RECORDS + 10);
    const loaded = await store.load();
    await new SnapshotStore(dir, "s").write("u", () => ({
      takenAt: Date.now(),
      records: loaded.records,
      vectors: loaded.vectors!.map((v) => Float32Array.from(v!)),
    }));
    const now = Date.now() + 60_000;
    store.stored.set("u-3", { record: record("u-3", "note 3 now about a quetzal"), vector: vectorOf(3), changedAt: now });
    store.stored.set("u-new", { record: record("u-new", "a brand new note about a narwhal"), vector: vectorOf(99), changedAt: now });

    const blind = new IndexCache(store.load, {}, undefined, new SnapshotStore(dir, "s"));
    expect((await blind.get("u")).has("u-new")).toBe(true);
    expect(store.counts).toEqual({ loads: 2, changes: 0 });

    const cache = new IndexCache(store.load, {}, store.loadChanges, new SnapshotStore(dir, "s"));
    const lexicon = await cache.get("u");
    expect(store.counts).toEqual({ loads: 2, changes: 1 });
    expect(lexicon.size).toBe(SNAPSHOT_MIN_RECORDS + 11);
    expect(lexicon.search("quetzal", { userId: "u" }, 5).map((h) => h.record.id)).toEqual(["u-3"]);
    expect(lexicon.search("narwhal", { userId: "u" }, 5).map((h) => h.record.id)).toEqual(["u-new"]);
  });

  it("leaves small users to the store, and forgets a snapshot once the user's memories are deleted", async () => {
    const dir = tempDir();
    const small = rows(50);
    const cache = new IndexCache(small.load, {}, small.loadChanges, new SnapshotStore(dir, "s"));
    await cache.get("u");
    await cache.saveAll();
    const again = new IndexCache(small.load, {}, small.loadChanges, new SnapshotStore(dir, "s"));
    await again.get("u");
    expect(small.counts.loads).toBe(2);

    const large = rows(SNAPSHOT_MIN_RECORDS);
    const a = new IndexCache(large.load, {}, large.loadChanges, new SnapshotStore(dir, "s"));
    await a.get("u");
    await a.saveAll();
    const done = await a.beginDelete("u");
    large.stored.delete("u-1");
    a.remove(["u-1"]);
    done();
    const b = new IndexCache(large.load, {}, large.loadChanges, new SnapshotStore(dir, "s"));
    expect((await b.get("u")).has("u-1")).toBe(false);
    expect(large.counts.loads).toBe(2);
  });

  it("answers from a large user's vectors while its BM25 is still being built from the snapshot", async () => {
    const dir = tempDir();
    const store = rows(6_000);
    const first = new IndexCache(store.load, {}, store.loadChanges, new SnapshotStore(dir, "s"));
    await first.get("u");
    await first.saveAll();

    const cache = new IndexCache(store.load, { coldWaitMs: 0 }, store.loadChanges, new SnapshotStore(dir, "s"));
    const early = await cache.getWithin("u");
    expect(early?.lexicalReady).toBe(false);
    expect(early?.vectorsComplete).toBe(true);
    const query = Float32Array.from(vectorOf(42)).map((x) => x / Math.hypot(...vectorOf(42)));
    expect(early!.vectors.similarity(query, "u-42")).toBeCloseTo(1, 5);
    expect(early!.vectors.nearest(query, () => true, 1)[0]!.similarity).toBeCloseTo(1, 5);
    const full = await cache.get("u");
    expect(full.lexicalReady).toBe(true);
    expect(full.search("ordinary", { userId: "u" }, 3)).toHaveLength(3);
  });
});
