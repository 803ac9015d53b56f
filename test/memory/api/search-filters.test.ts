import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/config/errors.js";
import { MemoriaRetriever } from "../../../src/integrations/memoria-retriever.js";
import { MemoriaStore } from "../../../src/integrations/memoria-store.js";
import type { MemoryApi } from "../../../src/memory/api/memory-api.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { tempDir, testMemoryApi } from "../../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;
const userId = "filters-ana";

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
  await api.add("Ana is vegetarian", { userId, infer: false, metadata: { category: "food", importance: 0.3 } });
  await api.add("Ana works at a vegetarian bakery", { userId, infer: false, metadata: { category: "work", importance: 0.9 } });
  await api.add("Bo is vegetarian too", { userId: "filters-bo", infer: false, metadata: { category: "food" } });
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

const unsupported: [string, Record<string, unknown>, RegExp][] = [
  ["an unknown field", { source: "crm" }, /unknown filter field "source"/],
  ["an operator on an unknown field", { importance: { $gte: 0.4 } }, /unknown filter field "importance"/],
  ["AND", { AND: [{ category: "food" }, { category: "work" }] }, /logical operator "AND" is not supported/],
  ["an operator on a known field", { category: { $in: ["food"] } }, /operator "\$in" on "category" is not supported/],
  ["another user's id", { userId: "filters-bo" }, /unknown filter field "userId"/],
  ["a date that is not a date", { createdFrom: "yesterday" }, /"createdFrom" expected an ISO date/],
  ["a type that does not exist", { type: "opinion" }, /"type" /],
];

describe("memory filters: anything unsupported is an InvalidInputError, never unfiltered results", () => {
  it.each(unsupported)("search refuses %s, naming it and listing what is supported", async (_what, filters, named) => {
    const error = await rejection(() => api.search("vegetarian", { userId, filters: filters as never }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(named);
    expect(error.message).toContain("Supported filters: type, kind, category, subject, createdFrom, createdTo, eventFrom, eventTo");
  });

  it.each(unsupported)("list refuses %s in its filters", async (_what, filters, named) => {
    await expect(api.list({ userId, filters: filters as never })).rejects.toThrow(named);
  });

  it.each(unsupported.filter(([, filters]) => !("userId" in filters)))("list refuses %s as an option", async (_what, filters, named) => {
    await expect(api.list({ userId, ...(filters as object) })).rejects.toThrow(named);
  });

  it("supported filters filter search and list alike", async () => {
    const food = await api.search("vegetarian", { userId, filters: { category: "food" } });
    expect(food.map((m) => m.content)).toEqual(["Ana is vegetarian"]);
    const listed = await api.list({ userId, filters: { category: "work", kind: "fact" } });
    expect(listed.items.map((m) => m.content)).toEqual(["Ana works at a vegetarian bakery"]);
    expect((await api.list({ userId, category: "food" })).items.map((m) => m.content)).toEqual(["Ana is vegetarian"]);
  });

  it("the retriever refuses unsupported filters when it is built", async () => {
    expect(() => new MemoriaRetriever({ api, userId, filters: { source: "crm" } as never })).toThrow(InvalidInputError);
    const retriever = new MemoriaRetriever({ api, userId, filters: { category: "work" } });
    expect((await retriever.invoke("vegetarian")).map((d) => d.pageContent)).toEqual(["Ana works at a vegetarian bakery"]);
  });

  it("MemoriaStore.search refuses an unsupported operator or a logical operator, and still filters with supported ones", async () => {
    const store = new MemoriaStore({ api, path: join(tempDir(), "store.sqlite") });
    try {
      const ns = ["memories", userId];
      await store.put(ns, "diet", { content: "Ana eats no meat", score: 3 });
      await expect(store.search(ns, { filter: { content: { $contains: "meat" } } })).rejects.toThrow(
        /operator "\$contains" on "content" is not supported/,
      );
      await expect(store.search(ns, { filter: { $or: [{ score: 3 }] } })).rejects.toThrow(/logical operator "\$or"/);
      await expect(store.search(ns, { filter: { score: { $gte: 1, extra: 2 } } })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(store.search(ns, { filter: { score: { $in: 3 } } })).rejects.toThrow(/"\$in" on "score" needs a list of values/);
      expect((await store.search(ns, { filter: { score: { $gte: 2 } } })).map((i) => i.key)).toEqual(["diet"]);
    } finally {
      store.close();
    }
  });
});
