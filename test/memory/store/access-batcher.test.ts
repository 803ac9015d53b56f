import type { Collection } from "chromadb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../../src/config/logger.js";
import { AccessBatcher, type AccessCount } from "../../../src/memory/store/access-batcher.js";
import { ChromaEntityStore } from "../../../src/memory/store/chroma-entity-store.js";
import { ChromaMemoryStore } from "../../../src/memory/store/chroma-memory-store.js";
import { openCollection, userWhere } from "../../../src/memory/records/chroma/collections.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { testConfig, testStores } from "../../helpers/stores.js";

const embedder = new HashEmbeddings();
const T1 = "2025-01-01T00:00:00.000Z";
const T2 = "2025-01-02T00:00:00.000Z";
const fact = (content: string) => ({ content, type: "fact" as const, category: "other", importance: 0.5 });

let stores: OpenStores;
let memories: Collection;
let entities: Collection;
/** Stores on the same collections whose counts wait for an explicit flush (a minute-long timer). */
const slowStores = () => ({
  memory: new ChromaMemoryStore(memories, embedder, { accessFlushMs: 60_000 }),
  entities: new ChromaEntityStore(entities, embedder, { accessFlushMs: 60_000 }),
});
const rowsOf = async (userId: string) => [
  ...(await memories.get({ where: userWhere(userId) })).ids,
  ...(await entities.get({ where: userWhere(userId) })).ids,
];

beforeAll(async () => {
  const config = testConfig();
  stores = await testStores(embedder, config);
  memories = await openCollection(stores.client, `${config.collectionPrefix}_memories`, embedder);
  entities = await openCollection(stores.client, `${config.collectionPrefix}_entities`, embedder);
});
afterAll(() => stores?.close());

describe("batched access counts", () => {
  it("coalesce per row and reach Chroma on flush, not before", async () => {
    const slow = slowStores();
    const [a, b] = await slow.memory.insertMany("ada", [{ memory: fact("Ada rows on Tuesdays") }, { memory: fact("Ada hates figs") }]);
    const [leo] = await slow.entities.merge("ada", [{ name: "Leo", kind: "person", attributes: { city: "Oslo" } }]);
    const written = [
      slow.memory.recordAccess("ada", [a!.id!], T1),
      slow.memory.recordAccess("ada", [a!.id!, b!.id!, a!.id!], T2),
      slow.memory.recordAccess("ada", [a!.id!], T1),
      slow.entities.recordAccess("ada", [leo!.id], T1),
      slow.entities.recordAccess("ada", [leo!.id], T2),
    ];
    expect((await stores.memory.get(a!.id!))!.accessCount).toBe(0);
    expect((await stores.entities.list("ada"))[0]!.accessCount).toBe(0);

    await Promise.all([slow.memory.flushAccess(), slow.entities.flushAccess()]);
    await Promise.all(written);
    expect(await stores.memory.get(a!.id!)).toMatchObject({ accessCount: 3, lastAccessedAt: T2 });
    expect(await stores.memory.get(b!.id!)).toMatchObject({ accessCount: 1, lastAccessedAt: T2 });
    const reader = new ChromaEntityStore(entities, embedder);
    expect((await reader.list("ada"))[0]).toMatchObject({ accessCount: 2, lastAccessedAt: T2 });
    expect((await slow.entities.list("ada"))[0]).toMatchObject({ accessCount: 2, lastAccessedAt: T2 });
  });

  it("are written by close, and written at once after it", async () => {
    const slow = slowStores();
    const [m] = await slow.memory.insertMany("bea", [{ memory: fact("Bea keeps bees") }]);
    const [hive] = await slow.entities.merge("bea", [{ name: "Hive Nine", kind: "thing", attributes: {} }]);
    void slow.memory.recordAccess("bea", [m!.id!], T1);
    void slow.entities.recordAccess("bea", [hive!.id], T1);
    await Promise.all([slow.memory.close(), slow.entities.close()]);
    expect((await stores.memory.get(m!.id!))!.accessCount).toBe(1);
    expect((await new ChromaEntityStore(entities, embedder).list("bea"))[0]!.accessCount).toBe(1);

    await slow.memory.recordAccess("bea", [m!.id!], T2);
    expect(await stores.memory.get(m!.id!)).toMatchObject({ accessCount: 2, lastAccessedAt: T2 });
  });

  it("never bring back rows deleted while their counts were pending or being written", async () => {
    const slow = slowStores();
    const [m] = await slow.memory.insertMany("cy", [{ memory: fact("Cy sails a dinghy") }]);
    const [boat] = await slow.entities.merge("cy", [{ name: "Dinghy", kind: "thing", attributes: {} }]);
    const pending = [slow.memory.recordAccess("cy", [m!.id!], T1), slow.entities.recordAccess("cy", [boat!.id], T1)];
    await Promise.all([slow.memory.deleteUser("cy"), slow.entities.deleteUser("cy")]);
    await Promise.all(pending);
    await Promise.all([slow.memory.flushAccess(), slow.entities.flushAccess()]);
    expect(await rowsOf("cy")).toEqual([]);

    const [n] = await slow.memory.insertMany("cy", [{ memory: fact("Cy rows a scull") }]);
    const [scull] = await slow.entities.merge("cy", [{ name: "Scull", kind: "thing", attributes: {} }]);
    void slow.memory.recordAccess("cy", [n!.id!], T2);
    void slow.entities.recordAccess("cy", [scull!.id], T2);
    const flushing = Promise.all([slow.memory.flushAccess(), slow.entities.flushAccess()]);
    await Promise.all([slow.memory.deleteUser("cy"), slow.entities.deleteUser("cy"), flushing]);
    await Promise.all([slow.memory.flushAccess(), slow.entities.flushAccess()]);
    expect(await rowsOf("cy")).toEqual([]);
    expect(await slow.entities.list("cy")).toEqual([]);

    const [o] = await slow.memory.insertMany("cy", [{ memory: fact("Cy owns a kayak") }]);
    const [kayak] = await slow.entities.merge("cy", [{ name: "Kayak", kind: "thing", attributes: {} }]);
    void slow.memory.recordAccess("cy", [o!.id!], T2);
    void slow.entities.recordAccess("cy", [kayak!.id], T2);
    expect(await slow.memory.remove(o!.id!)).toBe(true);
    expect(await slow.entities.remove("cy", kayak!.id)).toBe(true);
    await Promise.all([slow.memory.flushAccess(), slow.entities.flushAccess()]);
    expect(await rowsOf("cy")).toEqual([]);
  });
});

describe("AccessBatcher", () => {
  const warnings: string[] = [];
  const logger: Logger = { warn: (m) => warnings.push(m), info: () => {} };

  it("retries a failed write on the next flush, then drops it with a warning and rejects its callers", async () => {
    const applied: Array<[string, Record<string, AccessCount>]> = [];
    let failures = 1;
    const batcher = new AccessBatcher(
      async (userId, accesses) => {
        if (failures-- > 0) throw new Error("chroma is down");
        applied.push([userId, Object.fromEntries(accesses)]);
      },
      { flushMs: 60_000, logger, what: "memories" },
    );
    const first = batcher.record("u", ["m1"], T1);
    await batcher.flush();
    expect(warnings.at(-1)).toMatch(/1 memories of user u not written, retrying \(chroma is down\)/);
    expect(batcher.pendingUsers()).toEqual(["u"]);
    const second = batcher.record("u", ["m1", "m2"], T2);
    await batcher.flush();
    await Promise.all([first, second]);
    expect(applied).toEqual([["u", { m1: { times: 2, at: T2 }, m2: { times: 1, at: T2 } }]]);

    failures = 5;
    const doomed = batcher.record("v", ["m3"], T1);
    const settled = doomed.then(
      () => "written",
      (e: Error) => e.message,
    );
    for (let i = 0; i < 3; i++) await batcher.flush();
    expect(await settled).toBe("chroma is down");
    expect(warnings.at(-1)).toMatch(/access counts of 1 memories of user v dropped after 3 failed writes/);
    expect(batcher.pendingUsers()).toEqual([]);
  });

  it("flushes on its timer and forgets a dropped user's uses", async () => {
    const applied: string[] = [];
    const batcher = new AccessBatcher(
      async (userId) => {
        applied.push(userId);
      },
      { flushMs: 20 },
    );
    const kept = batcher.record("keep", ["a"], T1);
    const dropped = batcher.record("gone", ["b"], T1);
    batcher.drop("gone");
    await Promise.all([kept, dropped]);
    expect(applied).toEqual(["keep"]);
  });
});
