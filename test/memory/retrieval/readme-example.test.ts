import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryApi } from "../../../src/memory/api/memory-api.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { testStores } from "../../helpers/stores.js";
import { gloveEmbedder } from "../memory-fixtures.js";

const NOW = "2026-11-22T10:00:00Z";
const VEGETARIAN = "Alice is vegetarian";

/** What a model could extract from the README's "I moved to Berlin last month": the move alone, or the move and the residence. */
const EXTRACTIONS = [["User moved to Berlin in October 2026"], ["User moved to Berlin in October 2026", "User lives in Berlin"]];

describe.each(EXTRACTIONS)("the README's API example (real Chroma, default local embedder), extracted %j", (...berlin: string[]) => {
  let stores: OpenStores;
  let api: MemoryApi;
  const userId = "alice";

  beforeAll(async () => {
    stores = await testStores(gloveEmbedder());
    api = new MemoryApi({
      memory: stores.memory,
      entities: stores.entities,
      ledger: stores.ledger,
      clock: () => new Date(NOW),
      factExtractor: async () => berlin.map((content) => ({ content, type: "fact", category: "location", importance: 0.5 })),
    });
    await api.add("I moved to Berlin last month", { userId, now: NOW });
    await api.add("Alice is allergic to peanuts", { userId, infer: false, metadata: { category: "health", importance: 0.9 } });
    await api.add(VEGETARIAN, { userId, infer: false });
  });

  afterAll(async () => {
    await stores?.close();
  });

  it("ranks a Berlin fact first for 'where does alice live'", async () => {
    const hits = await api.search("where does alice live", { userId, limit: 3 });
    expect(berlin).toContain(hits[0]?.content);
  });

  it("has the vegetarian fact in the top 3 for 'what does she eat'", async () => {
    const hits = await api.search("what does she eat", { userId, limit: 3 });
    expect(hits.map((h) => h.content)).toContain(VEGETARIAN);
  });
});
