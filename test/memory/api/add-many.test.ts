import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError, StorageError } from "../../../src/config/errors.js";
import { MemoryApi } from "../../../src/memory/api/memory-api.js";
import { openStores, type OpenStores } from "../../../src/memory/store/open-stores.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { testConfig, testMemoryApi } from "../../helpers/stores.js";

const NOW = "2025-03-01T10:00:00.000Z";
let stores: OpenStores;
let api: MemoryApi;

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi(NOW));
});
afterAll(() => stores?.close());

describe("MemoryApi.addMany", () => {
  it("stores a batch in input order, skipping exact duplicates within the batch and of current memories", async () => {
    const [first] = await api.add("I keep bees on the roof", { userId: "batch-a", infer: false });
    const outcomes = await api.addMany(
      [
        { text: "My daughter is called Ines", metadata: { threadId: "t1", messageIds: ["m1"], subject: "Ana" } },
        { text: "  I keep bees on the roof " },
        { text: "I play the cello", metadata: { type: "preference", category: "hobby", importance: 0.9 } },
        { text: "My daughter is called Ines" },
      ],
      { userId: "batch-a" },
    );
    expect(outcomes.map((o) => o.action)).toEqual(["ADD", "NONE", "ADD", "NONE"]);
    expect(outcomes[1]!.id).toBe(first!.id);
    expect(outcomes[3]!.id).toBe(outcomes[0]!.id);
    const ines = await api.get(outcomes[0]!.id!, { userId: "batch-a" });
    expect(ines).toMatchObject({ userId: "batch-a", subject: "Ana", source: { threadId: "t1", messageIds: ["m1"] }, createdAt: NOW });
    expect(await api.get(outcomes[2]!.id!, { userId: "batch-a" })).toMatchObject({
      type: "preference",
      category: "hobby",
      importance: 0.9,
    });
    expect((await api.history(outcomes[0]!.id!, { userId: "batch-a" })).map((e) => e.action)).toEqual(["ADD"]);
    const found = await api.search("what is my daughter called", { userId: "batch-a", limit: 3 });
    expect(found[0]?.id).toBe(outcomes[0]!.id);
  });

  it("files a batch under its own user only: the same text for another user is a new memory", async () => {
    const [mine] = await api.addMany([{ text: "I was born in Porto" }], { userId: "batch-b" });
    const [theirs] = await api.addMany([{ text: "I was born in Porto" }], { userId: "batch-c" });
    expect(mine!.action).toBe("ADD");
    expect(theirs!.action).toBe("ADD");
    expect(theirs!.id).not.toBe(mine!.id);
    expect((await api.list({ userId: "batch-b" })).items.map((m) => m.id)).toEqual([mine!.id]);
  });

  it("stores more rows than one upsert chunk holds", async () => {
    const texts = Array.from({ length: 2_300 }, (_, i) => ({ text: `note number ${i} about topic ${i % 37}` }));
    const outcomes = await api.addMany(texts, { userId: "batch-big" });
    expect(outcomes.filter((o) => o.action === "ADD")).toHaveLength(2_300);
    expect((await api.list({ userId: "batch-big", limit: 1 })).total).toBe(2_300);
    const last = outcomes[2_299]!;
    expect(await api.get(last.id!, { userId: "batch-big" })).toMatchObject({ content: "note number 2299 about topic 5" });
    expect((await api.history(last.id!, { userId: "batch-big" })).map((e) => e.action)).toEqual(["ADD"]);
  });

  it("rejects an empty text or a bad user id and stores nothing of the batch", async () => {
    await expect(api.addMany([{ text: "fine" }, { text: "   " }], { userId: "batch-d" })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(api.addMany([{ text: "fine" }], { userId: "" })).rejects.toBeInstanceOf(InvalidInputError);
    expect((await api.list({ userId: "batch-d" })).total).toBe(0);
    expect(await api.addMany([], { userId: "batch-d" })).toEqual([]);
  });
});

describe("MemoryApi.addMany in chunks", () => {
  it("a chunk Chroma refuses stops the batch: earlier chunks stay stored with their history, later ones are not written", async () => {
    const config = testConfig();
    let n = 0;
    const stores = await openStores({
      chromaUrl: config.chromaUrl,
      dataDir: config.dataDir,
      collectionPrefix: config.collectionPrefix,
      embedder: new HashEmbeddings(),
      newId: () => `row-${n === 1_500 ? n++ - 1 : n++}`,
    });
    try {
      const api = new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger });
      const texts = Array.from({ length: 2_500 }, (_, i) => ({ text: `chunked note ${i}` }));
      await expect(api.addMany(texts, { userId: "chunks" })).rejects.toBeInstanceOf(StorageError);
      const stored = await stores.memory.all({ userId: "chunks" });
      expect(stored.map((m) => m.id).sort()).toEqual(Array.from({ length: 1_000 }, (_, i) => `row-${i}`).sort());
      expect(await stores.ledger.history.forUser("chunks")).toHaveLength(1_000);
      expect(await stores.memory.getMany(["row-2000", "row-2499"])).toEqual([]);
    } finally {
      await stores.close();
    }
  });
});
