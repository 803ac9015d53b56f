import { join } from "node:path";
import { InvalidNamespaceError } from "@langchain/langgraph-checkpoint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoriaStore } from "../../src/integrations/memoria-store.js";
import type { MemoryApi } from "../../src/memory/api/memory-api.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import { tempDir, testMemoryApi } from "../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;
let store: MemoriaStore;
const ns = (user: string) => ["memories", user];

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
  store = new MemoriaStore({ api, path: join(tempDir(), "store.sqlite") });
});
afterAll(async () => {
  store?.close();
  await stores?.close();
});

describe("MemoriaStore: the BaseStore contract over memoria", () => {
  it("put then get returns the value, key and namespace, with Date timestamps; the text is a real memory", async () => {
    await store.put(ns("ana"), "diet", { content: "Ana is vegetarian", context: "said at dinner", category: "food" });
    const item = await store.get(ns("ana"), "diet");
    expect(item).toMatchObject({
      key: "diet",
      namespace: ns("ana"),
      value: { content: "Ana is vegetarian", context: "said at dinner", category: "food" },
    });
    expect(item!.createdAt).toBeInstanceOf(Date);
    expect(item!.updatedAt).toBeInstanceOf(Date);
    expect((await api.list({ userId: "ana" })).items.map((m) => [m.content, m.category])).toEqual([["Ana is vegetarian", "food"]]);
    expect(await store.get(ns("ana"), "missing")).toBeNull();
  });

  it("put on an existing key replaces the value in place", async () => {
    await store.put(ns("ana"), "diet", { content: "Ana is vegan", context: "updated" });
    expect((await store.get(ns("ana"), "diet"))!.value).toEqual({ content: "Ana is vegan", context: "updated" });
    expect((await api.list({ userId: "ana" })).items.map((m) => m.content)).toEqual(["Ana is vegan"]);
  });

  it("values without content keep their shape; text comes from `text` or the JSON", async () => {
    await store.put(ns("ana"), "note", { text: "Ana's cat is called Miso", tags: ["pets"] });
    await store.put(ns("ana"), "prefs", { theme: "dark", fontSize: 14 });
    expect((await store.get(ns("ana"), "note"))!.value).toEqual({ text: "Ana's cat is called Miso", tags: ["pets"] });
    expect((await store.get(ns("ana"), "prefs"))!.value).toEqual({ theme: "dark", fontSize: 14 });
  });

  it("search with a query is hybrid search, best first with scores; filter, limit and offset apply", async () => {
    const hits = await store.search(ns("ana"), { query: "what is the cat's name", limit: 3 });
    expect(hits[0]).toMatchObject({ key: "note", namespace: ns("ana") });
    expect(typeof hits[0]!.score).toBe("number");
    expect(hits.map((h) => h.key).sort()).toEqual(["diet", "note", "prefs"]);
    expect((await store.search(ns("ana"), { query: "cat", filter: { theme: "dark" } })).map((h) => h.key)).toEqual(["prefs"]);
    expect((await store.search(ns("ana"), { filter: { fontSize: { $gte: 12 } } })).map((h) => h.key)).toEqual(["prefs"]);
    const all = await store.search(ns("ana"));
    expect(all).toHaveLength(3);
    expect(all.every((h) => h.score === undefined)).toBe(true);
    expect(await store.search(ns("ana"), { limit: 1, offset: 1 })).toEqual([all[1]]);
  });

  it("memories written elsewhere (extraction, tools, API) are items keyed by their memory id", async () => {
    const [outcome] = await api.add("Ana runs marathons", { userId: "ana", infer: false, metadata: { category: "hobby" } });
    const item = await store.get(ns("ana"), outcome!.id!);
    expect(item!.value).toMatchObject({ content: "Ana runs marathons", category: "hobby", type: "fact" });
    expect((await store.search(ns("ana"), { query: "marathon running" }))[0]!.key).toBe(outcome!.id);
  });

  it("delete and put(null) remove the item and its memory", async () => {
    const before = (await api.list({ userId: "ana" })).total;
    await store.delete(ns("ana"), "prefs");
    await store.put(ns("ana"), "note", null as never);
    expect(await store.get(ns("ana"), "prefs")).toBeNull();
    expect(await store.get(ns("ana"), "note")).toBeNull();
    expect((await api.list({ userId: "ana" })).total).toBe(before - 2);
    await store.delete(ns("ana"), "never-existed");
  });

  it("listNamespaces lists one namespace per user, with prefix, suffix, maxDepth, limit and offset", async () => {
    await store.put(ns("ben"), "k", { content: "Ben likes jazz" });
    expect(await store.listNamespaces()).toEqual([ns("ana"), ns("ben")]);
    expect(await store.listNamespaces({ suffix: ["ben"] })).toEqual([ns("ben")]);
    expect(await store.listNamespaces({ prefix: ["memories", "*"], limit: 1, offset: 1 })).toEqual([ns("ben")]);
    expect(await store.listNamespaces({ prefix: ["other"] })).toEqual([]);
    expect(await store.listNamespaces({ maxDepth: 1 })).toEqual([["memories"]]);
  });

  it("rejects namespaces that do not name one user and bad values, changing nothing", async () => {
    const before = (await api.list({ userId: "ana" })).total;
    await expect(store.put(["memories"], "k", { content: "x" })).rejects.toBeInstanceOf(InvalidNamespaceError);
    await expect(store.put(["users", "ana"], "k", { content: "x" })).rejects.toBeInstanceOf(InvalidNamespaceError);
    await expect(store.search(["memories"], { query: "jazz" })).rejects.toThrow(/\["memories", userId\]/);
    await expect(store.put(ns("ana"), "k", { content: "   " })).rejects.toThrow(/non-empty/);
    await expect(store.put(ns("ana"), "k", { content: "x", importance: 7 })).rejects.toThrow(/importance/);
    await expect(store.get(ns("bad\u0007user"), "k")).rejects.toThrow(/control characters/);
    expect((await api.list({ userId: "ana" })).total).toBe(before);
  });

  it("a namespace never reaches another user's items, by key or by memory id", async () => {
    const [anas] = (await api.list({ userId: "ana" })).items;
    expect(await store.get(ns("ben"), "diet")).toBeNull();
    expect(await store.get(ns("ben"), anas!.id)).toBeNull();
    await store.delete(ns("ben"), anas!.id);
    await store.put(ns("ben"), anas!.id, { content: "Ben overwrote this" });
    expect(await api.get(anas!.id, { userId: "ana" })).toMatchObject({ userId: "ana", content: anas!.content });
    expect((await store.search(ns("ben"), { query: "vegan marathons" })).every((h) => h.value.content !== anas!.content)).toBe(true);
    expect((await store.get(ns("ana"), "diet"))!.value.content).toBe("Ana is vegan");
  });
});
