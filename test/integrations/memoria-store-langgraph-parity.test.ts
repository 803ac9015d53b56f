import { join } from "node:path";
import { InvalidNamespaceError } from "@langchain/langgraph-checkpoint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoriaStore } from "../../src/integrations/memoria-store.js";
import type { MemoryApi } from "../../src/memory/api/memory-api.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import { tempDir, testMemoryApi } from "../helpers/stores.js";

// Behaviour checks ported from LangGraph.js's own InMemoryStore tests (libs/checkpoint/src/tests/namespace.test.ts and
// vector.test.ts), for every operation that applies inside one user's namespace: each namespace there is put under
// ["memories", userId] here, and maxDepth grows by those two labels.
let stores: OpenStores;
let api: MemoryApi;
let store: MemoriaStore;
const M = "memories";

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
  store = new MemoriaStore({ api, path: join(tempDir(), "store.sqlite") });
});
afterAll(async () => {
  store?.close();
  await stores?.close();
});

const putAll = async (user: string, namespaces: string[][]) => {
  for (const [i, ns] of namespaces.entries()) await store.put([M, user, ...ns], `id_${i}`, { data: `value_${String(i).padStart(2, "0")}` });
};
const under = (user: string, namespaces: string[][]) => namespaces.map((ns) => [M, user, ...ns]);
const sorted = (namespaces: string[][]) => [...namespaces].sort((a, b) => a.join(":").localeCompare(b.join(":")));

describe("MemoriaStore against LangGraph's InMemoryStore namespace checks", () => {
  it("basic namespace operations: prefix, suffix, both, maxDepth, limit and offset", async () => {
    await putAll("lg-basic", [
      ["a", "b", "c"],
      ["a", "b", "d", "e"],
      ["a", "b", "d", "i"],
      ["a", "b", "f"],
      ["a", "c", "f"],
      ["b", "a", "f"],
    ]);
    const u = (nss: string[][]) => under("lg-basic", nss);
    expect(sorted(await store.listNamespaces({ prefix: [M, "lg-basic", "a", "b"] }))).toEqual(
      u([
        ["a", "b", "c"],
        ["a", "b", "d", "e"],
        ["a", "b", "d", "i"],
        ["a", "b", "f"],
      ]),
    );
    expect(sorted(await store.listNamespaces({ prefix: [M, "lg-basic"], suffix: ["f"] }))).toEqual(
      u([
        ["a", "b", "f"],
        ["a", "c", "f"],
        ["b", "a", "f"],
      ]),
    );
    expect(sorted(await store.listNamespaces({ prefix: [M, "lg-basic", "a"], suffix: ["f"] }))).toEqual(
      u([
        ["a", "b", "f"],
        ["a", "c", "f"],
      ]),
    );
    expect(sorted(await store.listNamespaces({ prefix: [M, "lg-basic", "a", "b"], maxDepth: 5 }))).toEqual(
      u([
        ["a", "b", "c"],
        ["a", "b", "d"],
        ["a", "b", "f"],
      ]),
    );
    expect(await store.listNamespaces({ prefix: [M, "lg-basic", "a", "b"], limit: 2 })).toEqual(
      u([
        ["a", "b", "c"],
        ["a", "b", "d", "e"],
      ]),
    );
    expect(await store.listNamespaces({ prefix: [M, "lg-basic", "a", "b"], offset: 2 })).toEqual(
      u([
        ["a", "b", "d", "i"],
        ["a", "b", "f"],
      ]),
    );
  });

  it("wildcards in prefix and suffix", async () => {
    const user = "lg-wild";
    await putAll(user, [
      ["users", "123"],
      ["users", "456"],
      ["users", "789", "settings"],
      ["admin", "users", "789"],
      ["guests", "123"],
      ["guests", "456", "preferences"],
    ]);
    expect(sorted(await store.listNamespaces({ prefix: [M, user, "users", "*"] }))).toEqual(
      under(user, [
        ["users", "123"],
        ["users", "456"],
        ["users", "789", "settings"],
      ]),
    );
    expect(await store.listNamespaces({ prefix: [M, user], suffix: ["*", "preferences"] })).toEqual(
      under(user, [["guests", "456", "preferences"]]),
    );
    expect(await store.listNamespaces({ prefix: [M, user, "*", "users"], suffix: ["*", "settings"] })).toEqual([]);
    await store.put([M, user, "admin", "users", "settings", "789"], "foo", { data: "some_val" });
    expect(await store.listNamespaces({ prefix: [M, user, "*", "users"], suffix: ["settings", "*"] })).toEqual(
      under(user, [["admin", "users", "settings", "789"]]),
    );
  });

  it("pagination of namespaces", async () => {
    const user = "lg-page";
    for (let i = 0; i < 20; i++) {
      const n = String(i).padStart(2, "0");
      await store.put([M, user, "namespace", `sub_${n}`], `id_${n}`, { data: `value_${n}` });
    }
    const page = (from: number) => Array.from({ length: 5 }, (_, i) => [M, user, "namespace", `sub_${String(i + from).padStart(2, "0")}`]);
    for (const offset of [0, 5, 15])
      expect(await store.listNamespaces({ prefix: [M, user, "namespace"], limit: 5, offset })).toEqual(page(offset));
  });

  it("maxDepth truncates and deduplicates", async () => {
    await putAll("lg-depth", [
      ["a", "b", "c", "d"],
      ["a", "b", "c", "e"],
      ["a", "b", "f"],
      ["a", "g"],
      ["h", "i", "j", "k"],
    ]);
    expect(sorted(await store.listNamespaces({ prefix: [M, "lg-depth"], maxDepth: 4 }))).toEqual(
      under("lg-depth", [
        ["a", "b"],
        ["a", "g"],
        ["h", "i"],
      ]),
    );
  });

  it("an empty store lists no namespaces", async () => {
    const empty = new MemoriaStore({ api, path: join(tempDir(), "empty.sqlite") });
    try {
      expect(await empty.listNamespaces({})).toEqual([]);
    } finally {
      empty.close();
    }
  });

  it("blocks invalid namespaces; a 'langgraph' label below the root works for put, get, search, delete and batch", async () => {
    const doc = { foo: "bar" };
    await expect(store.put([], "foo", doc)).rejects.toThrow(InvalidNamespaceError);
    await expect(store.put([M, "lg-inv", "thing.about"], "foo", doc)).rejects.toThrow(InvalidNamespaceError);
    await expect(store.put([M, "lg-inv", "fun", ""], "foo", doc)).rejects.toThrow(InvalidNamespaceError);
    await expect(store.put(["langgraph", "foo"], "bar", doc)).rejects.toThrow(InvalidNamespaceError);
    const ns = [M, "lg-inv", "langgraph", "foo"];
    await store.put(ns, "bar", doc);
    expect((await store.get(ns, "bar"))?.value).toEqual(doc);
    expect((await store.search(ns))[0]!.value).toEqual(doc);
    await store.delete(ns, "bar");
    expect(await store.get(ns, "bar")).toBeNull();
    const valid = [M, "lg-inv", "valid", "namespace"];
    await store.forUser("lg-inv").batch([{ namespace: valid, key: "key", value: doc }]);
    expect((await store.get(valid, "key"))?.value).toEqual(doc);
    expect((await store.search(valid))[0]!.value).toEqual(doc);
    await store.delete(valid, "key");
    expect(await store.get(valid, "key")).toBeNull();
    expect(await api.list({ userId: "lg-inv" })).toMatchObject({ total: 0 });
  });
});

// memoria's scores are its hybrid ranking (rank-fused, so every query's best hit scores alike): the checks compare orders, not scores.
describe("MemoriaStore against LangGraph's InMemoryStore vector checks (memoria's hybrid search)", () => {
  const test = ["memories", "lg-vec", "test"];

  it("embeds values and finds them by query, whatever field holds the text", async () => {
    const docs: [string, Record<string, string>][] = [
      ["doc1", { text: "short text" }],
      ["doc2", { text: "longer text document" }],
      ["doc3", { text: "longest text document here" }],
      ["doc4", { description: "text in description field" }],
      ["doc5", { content: "text in content field" }],
      ["doc6", { body: "text in body field" }],
    ];
    for (const [key, value] of docs) await store.put(test, key, value);
    const keys = (await store.search(test, { query: "longer text document" })).map((r) => r.key);
    expect(keys).toContain("doc2");
    expect(keys).toContain("doc3");
    expect((await store.get(test, "doc6"))!.value).toEqual({ body: "text in body field" });
  });

  it("re-embeds a value when it is updated", async () => {
    const ns = ["memories", "lg-upd", "test"];
    await store.put(ns, "doc1", { text: "zany zebra Xerxes" });
    await store.put(ns, "doc2", { text: "something about dogs" });
    await store.put(ns, "doc3", { text: "text about birds" });
    expect((await store.search(ns, { query: "Zany Xerxes" }))[0]!.key).toBe("doc1");
    await store.put(ns, "doc1", { text: "new text about dogs" });
    // The old text is gone from what search reads (with no word in common any more, the vector-only order of the
    // three documents is not something to assert).
    const afterUpdate = await api.search("Zany Xerxes", { userId: "lg-upd", limit: 10 });
    expect(afterUpdate.filter((m) => /xerxes|zebra/i.test(m.content))).toEqual([]);
    expect((await api.list({ userId: "lg-upd" })).items.filter((m) => /xerxes/i.test(m.content))).toEqual([]);
    expect((await store.search(ns, { query: "new text about dogs" }))[0]!.key).toBe("doc1");
  });

  it("index: false stores the value without embedding it: no memory, listed after a query's hits without a score, still got", async () => {
    const ns = ["memories", "lg-noidx", "test"];
    await store.put(ns, "doc1", { text: "new text about dogs" });
    await store.put(ns, "doc2", { text: "new text about dogs" }, false);
    const results = await store.search(ns, { query: "new text about dogs", limit: 3 });
    expect(results.map((r) => [r.key, r.score === undefined])).toEqual([
      ["doc1", false],
      ["doc2", true],
    ]);
    expect((await store.get(ns, "doc2"))!.value).toEqual({ text: "new text about dogs" });
    expect((await api.list({ userId: "lg-noidx" })).items.map((m) => m.content)).toEqual(["new text about dogs"]);
    expect((await store.search(ns, { filter: { text: { $contains: "dogs" } } })).map((r) => r.key).sort()).toEqual(["doc1", "doc2"]);
    await store.put(ns, "doc1", { text: "no longer embedded" }, false);
    expect((await api.list({ userId: "lg-noidx" })).total).toBe(0);
    await store.put(ns, "doc2", { text: "embedded now" });
    expect((await api.list({ userId: "lg-noidx" })).items.map((m) => m.content)).toEqual(["embedded now"]);
    expect((await store.get(ns, "doc2"))!.value).toEqual({ text: "embedded now" });
  });

  it("combines query search with filters", async () => {
    const ns = ["memories", "lg-filter", "test"];
    const docs: [string, Record<string, unknown>][] = [
      ["doc1", { text: "red apple", color: "red", score: 4.5 }],
      ["doc2", { text: "red car", color: "red", score: 3.0 }],
      ["doc3", { text: "green apple", color: "green", score: 4.0 }],
      ["doc4", { text: "blue car", color: "blue", score: 3.5 }],
    ];
    for (const [key, value] of docs) await store.put(ns, key, value);
    let results = await store.search(ns, { query: "apple", filter: { color: "red" } });
    expect(results.map((r) => r.key)[0]).toBe("doc1");
    expect(results.every((r) => r.value.color === "red")).toBe(true);
    results = await store.search(ns, { query: "car", filter: { color: "red" } });
    expect(results.map((r) => r.key)[0]).toBe("doc2");
    results = await store.search(ns, { query: "blue car", filter: { score: { $gt: 3.2 } } });
    expect(results[0]!.key).toBe("doc4");
    expect(results.every((r) => (r.value.score as number) > 3.2)).toBe(true);
    results = await store.search(ns, { query: "apple", filter: { score: { $gte: 4.0 }, color: "green" } });
    expect(results.map((r) => r.key)).toEqual(["doc3"]);
  });

  it("index fields at put: only those fields' text is embedded; the value comes back whole", async () => {
    const ns = ["memories", "lg-fields", "test"];
    await store.put(ns, "doc3", { key0: "aaa", key1: "bbb", key2: "ccc", key3: "ddd" }, ["key0", "key1"]);
    await store.put(ns, "doc4", { key0: "eee", key1: "bbb", key2: "fff", key3: "ggg" }, ["key1", "key3"]);
    expect((await store.search(ns, { query: "aaa" }))[0]!.key).toBe("doc3");
    expect((await store.search(ns, { query: "ggg" }))[0]!.key).toBe("doc4");
    expect((await store.search(ns, { query: "bbb" })).map((r) => r.key).sort()).toEqual(["doc3", "doc4"]);
    expect((await store.get(ns, "doc3"))!.value).toEqual({ key0: "aaa", key1: "bbb", key2: "ccc", key3: "ddd" });
    expect((await api.list({ userId: "lg-fields" })).items.map((m) => m.content).sort()).toEqual(["aaa\nbbb", "bbb\nggg"]);
    await store.put(ns, "doc5", { key0: "hhh", key1: "iii" }, false);
    const hhh = await store.search(ns, { query: "hhh" });
    expect(hhh.find((r) => r.key === "doc5")).toMatchObject({ score: undefined, value: { key0: "hhh", key1: "iii" } });
    await expect(store.put(ns, "doc6", { key0: "x" }, ["missing"])).rejects.toThrow(/hold no text/);
  });
});
