import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemoryApi } from "../../../src/memory/api/memory-api.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import type { ScoredMemory } from "../../../src/memory/types.js";
import { openStores } from "../../../src/memory/store/open-stores.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { tempDir, testConfig, testMemoryApi } from "../../helpers/stores.js";

const NOW = "2025-03-01T00:00:00.000Z";
const fact = (content: string) => ({ content, type: "fact" as const, category: "other", importance: 0.5 });
const lexicalIds = (results: ScoredMemory[]) => results.filter((m) => m.channels?.bm25).map((m) => m.id);

describe("the lexical index stays in sync with every write", () => {
  let stores: OpenStores;
  let api: MemoryApi;

  beforeAll(async () => {
    ({ stores, api } = await testMemoryApi(NOW));
  });

  afterAll(async () => {
    await stores?.close();
  });

  it("follows update, delete, supersede, import and deleteUser", async () => {
    const userId = "sync-user";
    const [kept] = await api.add("My cousin Thaddeus lives in Reykjavik.", { userId, infer: false });
    const [edited] = await api.add("The quokka sticker is on my laptop.", { userId, infer: false });
    const [doomed] = await api.add("My locker code is Xylophone-42.", { userId, infer: false });
    expect(lexicalIds(await api.search("Thaddeus", { userId }))).toEqual([kept!.id]);
    expect(stores.memory.cachedLexicalUsers()).toContain(userId);

    await api.update(edited!.id!, { content: "The axolotl sticker is on my laptop." }, { userId });
    expect(lexicalIds(await api.search("quokka", { userId }))).toEqual([]);
    expect(lexicalIds(await api.search("axolotl", { userId }))).toEqual([edited!.id]);

    await api.delete(doomed!.id!, { userId });
    const afterDelete = await api.search("Xylophone locker code", { userId, limit: 10 });
    expect(afterDelete.map((m) => m.id)).not.toContain(doomed!.id);

    const [replacement] = await stores.memory.write(
      userId,
      [{ ...fact("My cousin Thaddeus lives in Oslo."), supersedes: "My cousin Thaddeus lives in Reykjavik." }],
      {},
      NOW,
    );
    expect(replacement!.action).toBe("SUPERSEDE");
    const current = await api.search("Thaddeus Reykjavik", { userId });
    expect(current[0]!.content).toBe("My cousin Thaddeus lives in Oslo.");
    expect(current.map((m) => m.id)).not.toContain(kept!.id);
    const historical = await api.search("Reykjavik", { userId, filters: { includeHistorical: true } });
    expect(historical[0]!.id).toBe(kept!.id);
    expect(historical[0]!.validUntil).toBe(NOW);

    const exported = await api.export(userId);
    await api.deleteUser(userId);
    expect(stores.memory.cachedLexicalUsers()).not.toContain(userId);
    expect(await api.search("Thaddeus axolotl", { userId })).toEqual([]);

    await api.import(userId, exported);
    expect(lexicalIds(await api.search("axolotl", { userId }))).toEqual([edited!.id]);
    expect((await api.search("Xylophone", { userId })).map((m) => m.id)).not.toContain(doomed!.id);
  });

  it("keeps users apart and records access without losing the index", async () => {
    await api.add("Bartholomew plays the bassoon.", { userId: "alice", infer: false });
    await api.add("Bartholomew plays the tuba.", { userId: "bob", infer: false });
    const [hit] = await api.search("Bartholomew", { userId: "alice" });
    expect(hit!.content).toBe("Bartholomew plays the bassoon.");
    await stores.memory.recordAccess("alice", [hit!.id], NOW);
    const [again] = await api.search("Bartholomew", { userId: "alice" });
    expect(again!.accessCount).toBe(1);
    expect((await api.search("tuba", { userId: "alice" })).map((m) => m.content)).not.toContain("Bartholomew plays the tuba.");
  });

  it("sees writes made by another process sharing the store once its lexicon is older than maxAgeMs", async () => {
    const config = testConfig();
    const open = (maxAgeMs: number, dataDir: string) =>
      openStores({
        chromaUrl: config.chromaUrl,
        dataDir,
        collectionPrefix: config.collectionPrefix,
        embedder: new HashEmbeddings(),
        search: { maxAgeMs },
      });
    const writer = await open(Infinity, config.dataDir);
    const [fresh, frozen] = await Promise.all([open(0, tempDir()), open(Infinity, tempDir())]);
    try {
      const userId = "two-processes";
      await writer.memory.insert(userId, fact("My cousin Thaddeus lives in Reykjavik."), {}, NOW);
      await writer.memory.flushWrites();
      for (const reader of [fresh, frozen]) expect((await reader.memory.search("Thaddeus", { userId, now: NOW })).length).toBe(1);
      await writer.memory.insert(userId, fact("The quokka sticker is on my laptop."), {}, NOW);
      const found = async (reader: OpenStores) =>
        (await reader.memory.search("quokka sticker", { userId, now: NOW })).some((m) => m.content.includes("quokka"));
      let seen = false;
      for (let i = 0; i < 50 && !seen; i++) {
        seen = await found(fresh);
        if (!seen) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(seen).toBe(true);
      expect(await found(frozen)).toBe(false);

      const [thaddeus] = await writer.memory.search("Thaddeus", { userId, now: NOW });
      await writer.memory.update(thaddeus!.id, { content: "My cousin Thaddeus moved to Tromso." }, NOW);
      let moved = false;
      for (let i = 0; i < 50 && !moved; i++) {
        moved = (await fresh.memory.search("Tromso", { userId, now: NOW })).some((m) => m.content.includes("Tromso"));
        if (!moved) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(moved).toBe(true);
      await writer.memory.remove(thaddeus!.id, NOW);
      expect((await fresh.memory.search("Thaddeus Tromso", { userId, now: NOW })).map((m) => m.id)).not.toContain(thaddeus!.id);
      expect(await fresh.memory.profile(userId)).not.toContain("Thaddeus");
    } finally {
      await Promise.all([writer.close(), fresh.close(), frozen.close()]);
    }
  });

  it("a search over a warm index of a shared store answers without the memories another process deleted", async () => {
    const config = testConfig();
    const open = (dataDir: string) =>
      openStores({
        chromaUrl: config.chromaUrl,
        dataDir,
        collectionPrefix: config.collectionPrefix,
        embedder: new HashEmbeddings(),
        search: { maxAgeMs: 60_000 },
      });
    const [warm, other] = await Promise.all([open(config.dataDir), open(tempDir())]);
    try {
      const userId = "deleted-elsewhere";
      await warm.memory.insert(userId, fact("My cousin Thaddeus lives in Reykjavik."), {}, NOW);
      await warm.memory.insert(userId, fact("The quokka sticker is on my laptop."), {}, NOW);
      expect((await warm.memory.search("Thaddeus", { userId, now: NOW })).length).toBeGreaterThan(0);
      await warm.memory.flushWrites();
      await other.memory.remove((await other.memory.list(userId)).find((m) => m.content.includes("Thaddeus"))!.id);
      const after = await warm.memory.search("quokka Thaddeus", { userId, now: NOW });
      expect(after.map((m) => m.content)).toEqual(["The quokka sticker is on my laptop."]);
    } finally {
      await Promise.all([warm.close(), other.close()]);
    }
  });
});
