import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/config/errors.js";
import { MemoriaRetriever } from "../../../src/integrations/memoria-retriever.js";
import { MemoriaStore } from "../../../src/integrations/memoria-store.js";
import type { MemoryApi } from "../../../src/memory/api/memory-api.js";
import { matchesFilter } from "../../../src/memory/filters/match-filter.js";
import { parseFilter } from "../../../src/memory/filters/parse-filter.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { tempDir, testMemoryApi } from "../../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;
const userId = "filters-ana";

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
  const add = (text: string, metadata: Record<string, unknown>, user = userId) => api.add(text, { userId: user, infer: false, metadata });
  await add("Ana is vegetarian", { category: "food", importance: 0.3, source: "crm", tags: ["diet", "vip"], priority: 2 });
  await add("Ana works at a vegetarian bakery", { category: "work", importance: 0.9, source: "chat", priority: 7, verified: true });
  await add("Ana visited Lisbon in March", { category: "travel", eventDate: "2026-03-10", source: "crm", priority: 5 });
  await add("Ana likes vegetarian ramen", { category: "food", type: "preference", importance: 0.6 });
  await add("Bo is vegetarian too", { category: "food", source: "crm" }, "filters-bo");
});
afterAll(() => stores?.close());

const rejection = async (run: () => Promise<unknown>): Promise<Error> => {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection, got results");
};

const invalid: [string, Record<string, unknown>, RegExp][] = [
  ["an unknown field", { source: "crm" }, /unknown filter field "source" \(metadata keys are "metadata.source"\)/],
  ["an unknown operator", { importance: { $between: [0, 1] } }, /unknown operator "\$between" on "importance"/],
  ["an unknown field inside AND", { AND: [{ category: "food" }, { colour: "red" }] }, /unknown filter field "colour"/],
  ["$in without a list", { category: { $in: "food" } }, /"\$in" on "category" needs a non-empty list/],
  ["a list as a value", { category: ["food"] }, /use \{ \$in: \[\.\.\.\] \}/],
  ["another user's id", { userId: "filters-bo" }, /unknown filter field "userId"/],
  ["a date that is not a date", { createdAt: { $gte: "yesterday" } }, /"createdAt" needs an ISO date/],
  ["a type that does not exist", { type: "opinion" }, /"type" must be one of fact, preference, task/],
  ["a number field given a text", { importance: { $gt: "high" } }, /"importance" needs a number/],
  ["an empty OR", { OR: [] }, /"OR" needs a non-empty list/],
];

describe("the filter language: anything unknown is an InvalidInputError, never unfiltered results", () => {
  it.each(invalid)("search refuses %s, naming it and listing the language", async (_what, filters, named) => {
    const error = await rejection(() => api.search("vegetarian", { userId, filters }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(named);
    expect(error.message).toContain("$eq $ne $gt $gte $lt $lte $in $nin $contains $icontains; AND / OR / NOT");
  });

  it.each(invalid)("list refuses %s in its filters", async (_what, filters, named) => {
    await expect(api.list({ userId, filters })).rejects.toThrow(named);
  });
});

const contents = (items: { content: string }[]) => items.map((m) => m.content).sort();

const cases: [string, Record<string, unknown>, string[]][] = [
  ["a metadata value", { "metadata.source": "crm" }, ["Ana is vegetarian", "Ana visited Lisbon in March"]],
  ["mem0's metadata section", { metadata: { source: { ne: "crm" } } }, ["Ana likes vegetarian ramen", "Ana works at a vegetarian bakery"]],
  ["a number range on metadata", { "metadata.priority": { $gte: 5, $lt: 7 } }, ["Ana visited Lisbon in March"]],
  ["$in on metadata", { "metadata.source": { $in: ["chat", "web"] } }, ["Ana works at a vegetarian bakery"]],
  ["$contains in a metadata list", { "metadata.tags": { $contains: "vip" } }, ["Ana is vegetarian"]],
  ["a boolean in metadata", { "metadata.verified": true }, ["Ana works at a vegetarian bakery"]],
  ["importance", { importance: { $gt: 0.5 } }, ["Ana likes vegetarian ramen", "Ana works at a vegetarian bakery"]],
  ["$nin on category", { category: { $nin: ["food", "travel"] } }, ["Ana works at a vegetarian bakery"]],
  ["$icontains on content", { content: { $icontains: "LISBON" } }, ["Ana visited Lisbon in March"]],
  ["an event date range", { eventDate: { $gte: "2026-03-01", $lte: "2026-03-31" } }, ["Ana visited Lisbon in March"]],
  ["the date bounds", { eventFrom: "2026-03-01", eventTo: "2026-03-31" }, ["Ana visited Lisbon in March"]],
  [
    "OR",
    { OR: [{ type: "preference" }, { "metadata.verified": true }] },
    ["Ana likes vegetarian ramen", "Ana works at a vegetarian bakery"],
  ],
  ["AND", { $and: [{ category: "food" }, { "metadata.source": "crm" }] }, ["Ana is vegetarian"]],
  ["NOT", { NOT: { category: "food" } }, ["Ana visited Lisbon in March", "Ana works at a vegetarian bakery"]],
  [
    "NOT over a missing key",
    { NOT: [{ "metadata.source": { $eq: "crm" } }] },
    ["Ana likes vegetarian ramen", "Ana works at a vegetarian bakery"],
  ],
];

describe("the filter language filters search, list and the in-memory match alike, on built-in fields and metadata", () => {
  it.each(cases)("%s", async (_what, filters, expected) => {
    expect(contents((await api.list({ userId, filters })).items)).toEqual(expected);
    expect(contents(await api.search("Ana vegetarian bakery Lisbon ramen", { userId, filters, limit: 20 }))).toEqual(expected);
    const everything = (await api.list({ userId, limit: 100 })).items;
    const where = parseFilter(filters).where!;
    expect(contents(everything.filter((m) => matchesFilter(m, { userId, where })))).toEqual(expected);
  });

  it("list's own fields and its filters combine", async () => {
    expect(contents((await api.list({ userId, category: "food", filters: { "metadata.source": "crm" } })).items)).toEqual([
      "Ana is vegetarian",
    ]);
  });

  it("never returns another user's memory, whatever the filter", async () => {
    const found = await api.search("vegetarian", {
      userId,
      filters: { OR: [{ "metadata.source": "crm" }, { category: "food" }] },
      limit: 20,
    });
    expect(found.every((m) => m.userId === userId)).toBe(true);
  });

  it("the retriever refuses unknown filters when it is built and passes the others", async () => {
    expect(() => new MemoriaRetriever({ api, userId, filters: { source: "crm" } })).toThrow(InvalidInputError);
    const retriever = new MemoriaRetriever({ api, userId, filters: { "metadata.source": "chat" } });
    expect((await retriever.invoke("vegetarian")).map((d) => d.pageContent)).toEqual(["Ana works at a vegetarian bakery"]);
  });

  it("MemoriaStore.search takes the same language over item values", async () => {
    const store = new MemoriaStore({ api, path: join(tempDir(), "store.sqlite") });
    try {
      const ns = ["memories", userId];
      await store.put(ns, "diet", { content: "Ana eats no meat", score: 3 });
      await store.put(ns, "job", { content: "Ana bakes bread", score: 1 });
      const keys = async (filter: Record<string, unknown>) => (await store.search(ns, { filter })).map((i) => i.key).sort();
      expect(await keys({ content: { $contains: "meat" } })).toEqual(["diet"]);
      expect(await keys({ $or: [{ score: 3 }, { score: 1 }] })).toEqual(["diet", "job"]);
      expect(await keys({ NOT: { score: { $gte: 2 } }, score: { $ne: null } })).toEqual(["job"]);
      await expect(store.search(ns, { filter: { score: { $gte: 1, extra: 2 } } })).rejects.toThrow(/unknown operator "extra" on "score"/);
      await expect(store.search(ns, { filter: { score: { $in: 3 } } })).rejects.toThrow(/"\$in" on "score" needs a non-empty list/);
      await store.put(ns, "unindexed", { content: "Ana hums", score: 2 }, false);
      expect(await keys({ score: { $gte: 2 } })).toEqual(["diet", "unindexed"]);
      await expect(store.put(ns, "fields", { content: "Ana hums" }, ["nothing"])).rejects.toBeInstanceOf(InvalidInputError);
      expect(await store.get(ns, "fields")).toBeNull();
    } finally {
      store.close();
    }
  });
});

describe("metadata: arbitrary JSON on every write, within limits, kept through updates, export and import", () => {
  it("is returned by get, search and list, and kept when other fields change", async () => {
    const [added] = await api.add("Ana's CRM id is 4411", { userId, infer: false, metadata: { source: "crm", nested: { a: [1, 2] } } });
    expect((await api.get(added!.id!, { userId }))?.metadata).toEqual({ source: "crm", nested: { a: [1, 2] } });
    expect((await api.search("CRM id 4411", { userId }))[0]?.metadata).toEqual({ source: "crm", nested: { a: [1, 2] } });
    const updated = await api.update(added!.id!, { content: "Ana's CRM id is 4412", importance: 0.8 }, { userId });
    expect(updated.metadata).toEqual({ source: "crm", nested: { a: [1, 2] } });
    await api.update(added!.id!, { metadata: { source: "web" } }, { userId });
    expect((await api.list({ userId, filters: { "metadata.source": "crm", content: { $contains: "CRM" } } })).items).toEqual([]);
    expect((await api.list({ userId, filters: { "metadata.source": "web" } })).items.map((m) => m.id)).toEqual([added!.id]);
    await api.update(added!.id!, { metadata: null }, { userId });
    expect((await api.get(added!.id!, { userId }))?.metadata).toBeUndefined();
    await api.delete(added!.id!, { userId });
  });

  it("travels through export and import", async () => {
    const exported = await api.export(userId);
    expect(exported.memories.find((m) => m.content === "Ana is vegetarian")?.metadata).toEqual({
      source: "crm",
      tags: ["diet", "vip"],
      priority: 2,
    });
    await api.import("filters-copy", exported);
    const copied = await api.list({ userId: "filters-copy", filters: { "metadata.tags": { $contains: "diet" } } });
    expect(copied.items.map((m) => m.content)).toEqual(["Ana is vegetarian"]);
  });

  it.each([
    ["too many keys", Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])), /at most 32 keys/],
    ["too long as JSON", { blob: "x".repeat(4_001) }, /at most 4000 characters as JSON/],
    ["a key with a dot", { "a.b": 1 }, /a\.b: Invalid key/],
    ["a value that is not JSON", { when: new Date() }, /Invalid add metadata/],
  ])("refuses metadata %s and stores nothing", async (_what, metadata, problem) => {
    const before = (await api.list({ userId, includeHistorical: true, limit: 1000 })).total;
    await expect(api.add("Ana has a cat", { userId, infer: false, metadata })).rejects.toThrow(problem);
    await expect(api.add("Ana has a cat", { userId, infer: false, metadata })).rejects.toBeInstanceOf(InvalidInputError);
    expect((await api.list({ userId, includeHistorical: true, limit: 1000 })).total).toBe(before);
  });
});
