import type { Collection } from "chromadb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChromaEntityStore } from "../../../src/memory/store/chroma-entity-store.js";
import { openCollection } from "../../../src/memory/records/chroma/collections.js";
import { EntityCache, entityBytes, type CachedEntity } from "../../../src/memory/store/entity-cache.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import type { EntityRecord } from "../../../src/memory/types.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { testConfig, testStores } from "../../helpers/stores.js";

const embedder = new HashEmbeddings();
const names = (records: EntityRecord[]) => records.map((e) => e.name);

let stores: OpenStores;
let collection: Collection;

beforeAll(async () => {
  const config = testConfig();
  stores = await testStores(embedder, config);
  collection = await openCollection(stores.client, `${config.collectionPrefix}_entities`, embedder);
});
afterAll(() => stores?.close());

describe("the entity cache of the entity store", () => {
  it("serves lists and relevant entities that follow every merge, removal, import and deleteUser at once", async () => {
    const store = stores.entities;
    await store.merge("ana", [{ name: "Leo", kind: "person", attributes: { city: "Oslo" } }]);
    expect(names(await store.list("ana"))).toEqual(["Leo"]);
    expect(store.cachedUsers()).toContain("ana");
    const [mutated] = await store.relevant("ana", "Leo", 1);
    mutated!.attributes.city = "Paris";
    (await store.list("ana"))[0]!.name = "Leonardo";
    expect(await store.list("ana")).toEqual([expect.objectContaining({ name: "Leo", attributes: { city: "Oslo" } })]);

    await store.merge("ana", [
      { name: "Rex", kind: "pet", attributes: { breed: "beagle" } },
      { name: "Leo", kind: "person", attributes: { job: "pilot" } },
    ]);
    expect(await store.list("ana")).toEqual([
      expect.objectContaining({ name: "Leo", attributes: { city: "Oslo", job: "pilot" } }),
      expect.objectContaining({ name: "Rex" }),
    ]);
    expect(names(await store.relevant("ana", "How is Rex today?", 1))).toEqual(["Rex"]);

    const rex = (await store.list("ana")).find((e) => e.name === "Rex")!;
    expect(await store.remove("ana", rex.id)).toBe(true);
    expect(names(await store.list("ana"))).toEqual(["Leo"]);
    expect(names(await store.relevant("ana", "How is Rex today?", 3))).not.toContain("Rex");

    await store.importRecords("ana", [{ ...rex, name: "Mia", attributes: { breed: "collie" } }]);
    expect(names(await store.list("ana"))).toEqual(["Leo", "Mia"]);

    expect(await store.deleteUser("ana")).toBe(2);
    expect(store.cachedUsers()).not.toContain("ana");
    expect(await store.list("ana")).toEqual([]);
    expect(await store.relevant("ana", "Leo and Mia", 5)).toEqual([]);
  });

  it("finds entities by meaning from the cached vectors, as Chroma would", async () => {
    const store = stores.entities;
    await store.merge("sim", [
      { name: "Blue Bottle", kind: "place", attributes: { serves: "coffee espresso beans" } },
      { name: "Quay", kind: "place", attributes: { serves: "oysters wine" } },
    ]);
    const fromCache = await store.relevant("sim", "place coffee espresso beans", 1);
    expect(names(fromCache)).toEqual(["Blue Bottle"]);
    const [vector] = await embedder.embedDocuments(["place coffee espresso beans"]);
    const chroma = await collection.query({ queryEmbeddings: [vector!], nResults: 1, where: { userId: "sim" } });
    expect(chroma.ids[0]).toEqual([fromCache[0]!.id]);
  });

  it("never shows a user another user's entities, even with the same names", async () => {
    const store = stores.entities;
    await store.merge("u1", [{ name: "Max", kind: "person", attributes: { role: "brother of u1" } }]);
    expect(names(await store.list("u1"))).toEqual(["Max"]);
    await store.merge("u2", [
      { name: "Max", kind: "person", attributes: { role: "boss of u2" } },
      { name: "Nora", kind: "person", attributes: {} },
    ]);
    expect(await store.list("u1")).toEqual([expect.objectContaining({ userId: "u1", attributes: { role: "brother of u1" } })]);
    expect(await store.relevant("u1", "Max and Nora", 5)).toEqual([expect.objectContaining({ userId: "u1", name: "Max" })]);
    expect((await store.list("u2")).every((e) => e.userId === "u2")).toBe(true);
    await store.deleteUser("u2");
    expect(names(await store.list("u1"))).toEqual(["Max"]);
  });

  it("picks up another process's writes once the cached entities are older than maxAgeMs", async () => {
    const other = new ChromaEntityStore(collection, embedder, { cache: { maxAgeMs: 0 } });
    const frozen = new ChromaEntityStore(collection, embedder, { cache: { maxAgeMs: Infinity } });
    expect(await other.list("shared")).toEqual([]);
    expect(await frozen.list("shared")).toEqual([]);
    await stores.entities.merge("shared", [{ name: "Ivy", kind: "person", attributes: {} }]);
    await expect.poll(async () => names(await other.list("shared")), { timeout: 5_000 }).toEqual(["Ivy"]);
    expect(await frozen.list("shared")).toEqual([]);
  });
});

describe("EntityCache", () => {
  const entity = (userId: string, i: number): CachedEntity => ({
    record: {
      id: `${userId}-${i}`,
      userId,
      name: `E${i}`,
      kind: "thing",
      attributes: {},
      createdAt: "",
      updatedAt: "",
      lastAccessedAt: null,
      accessCount: 0,
    },
    vector: Float32Array.from([1, 0]),
  });

  it("loads a user once, evicts the least recently used past its bounds, and keeps a load raced by a write out", async () => {
    const loads: string[] = [];
    let release: () => void = () => {};
    let gate: Promise<void> | undefined;
    const cache = new EntityCache(
      async (userId) => {
        loads.push(userId);
        if (gate) await gate;
        return [entity(userId, 1), entity(userId, 2)];
      },
      { maxBytes: 5 * entityBytes(entity("x", 1)), maxAgeMs: Infinity },
    );
    await Promise.all([cache.get("a"), cache.get("a")]);
    await cache.get("b");
    await cache.get("a");
    expect(loads).toEqual(["a", "b"]);
    await cache.get("c");
    expect(cache.users()).toEqual(["a", "c"]);

    cache.upsert("a", [entity("a", 3), entity("b", 9)]);
    expect([...(await cache.get("a")).keys()]).toEqual(["a-1", "a-2", "a-3"]);
    await cache.get("c");
    cache.upsert("c", [entity("c", 3), entity("c", 4)]);
    expect(cache.users()).toEqual(["c"]);

    gate = new Promise((resolve) => (release = resolve));
    const loading = cache.get("d");
    cache.upsert("d", [entity("d", 7)]);
    release();
    expect((await loading).size).toBe(2);
    expect(cache.users()).not.toContain("d");
    gate = undefined;
    await cache.get("d");
    expect(loads.filter((u) => u === "d")).toHaveLength(2);
  });

  it("serves a user's entities older than maxAgeMs while reloading them, and waits for the reload past maxStaleMs", async () => {
    let now = 0;
    let version = 1;
    const cache = new EntityCache(async (userId) => [entity(userId, version)], { maxAgeMs: 100, maxStaleMs: 1_000, clock: () => now });
    const ids = async () => [...(await cache.get("u")).keys()];
    expect(await ids()).toEqual(["u-1"]);
    version = 2;
    now = 150;
    expect(await ids()).toEqual(["u-1"]);
    await expect.poll(ids).toEqual(["u-2"]);
    version = 3;
    now = 2_000;
    expect(await ids()).toEqual(["u-3"]);
  });
});
