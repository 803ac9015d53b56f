import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoriaStore } from "../../src/integrations/memoria-store.js";
import type { MemoryApi } from "../../src/memory/api/memory-api.js";
import { openSqlite } from "../../src/memory/ledger/sqlite.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import { tempDir, testMemoryApi } from "../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;
let store: MemoriaStore;
const ana = (...sub: string[]) => ["memories", "ns-ana", ...sub];

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
  store = new MemoriaStore({ api, path: join(tempDir(), "store.sqlite") });
  await store.put(ana(), "diet", { content: "Ana is vegetarian" });
  await store.put(ana("work"), "diet", { content: "Ana's team orders vegetarian lunches on Fridays" });
  await store.put(ana("work", "projects"), "atlas", { content: "Ana leads the Atlas migration project" });
  await store.put(ana("travel"), "trip", { content: "Ana flies to Lisbon in June" });
  await api.add("Ana plays the cello", { userId: "ns-ana", infer: false });
});
afterAll(async () => {
  store?.close();
  await stores?.close();
});

describe("MemoriaStore: nested namespaces under [memories, userId]", () => {
  it("the same key in two namespaces is two items, and a sub-namespace is recorded in the memory's metadata", async () => {
    expect((await store.get(ana(), "diet"))!.value.content).toBe("Ana is vegetarian");
    expect(await store.get(ana("work"), "diet")).toMatchObject({
      namespace: ana("work"),
      value: { content: expect.stringMatching(/Fridays/) },
    });
    expect(await store.get(ana("work", "other"), "diet")).toBeNull();
    const memories = (await api.list({ userId: "ns-ana" })).items;
    const projects = memories.find((m) => m.content.includes("Atlas"))!;
    expect(projects.metadata).toEqual({ storeNamespace: ["work", "projects"] });
    expect(memories.find((m) => m.content === "Ana is vegetarian")!.metadata ?? {}).toEqual({});
    expect(
      (await api.search("Atlas migration", { userId: "ns-ana", filters: { "metadata.storeNamespace": { $contains: "projects" } } })).map(
        (m) => m.content,
      ),
    ).toEqual(["Ana leads the Atlas migration project"]);
  });

  it("search over a prefix finds items in it and below it, each with its own namespace; the user's namespace holds everything", async () => {
    const work = await store.search(ana("work"), { query: "vegetarian lunch project" });
    expect(work.map((i) => [i.namespace.join("/"), i.key]).sort()).toEqual([
      ["memories/ns-ana/work", "diet"],
      ["memories/ns-ana/work/projects", "atlas"],
    ]);
    const listed = await store.search(ana("work", "projects"));
    expect(listed.map((i) => i.key)).toEqual(["atlas"]);
    const all = await store.search(ana(), { limit: 20 });
    expect(all.map((i) => i.namespace.slice(2).join("/")).sort()).toEqual(["", "", "travel", "work", "work/projects"]);
    expect(all.find((i) => i.value.content === "Ana plays the cello")!.namespace).toEqual(ana());
  });

  it("a memory written outside the store lives in the user's namespace only; its id is no key below it", async () => {
    const [cello] = (await api.list({ userId: "ns-ana" })).items.filter((m) => m.content === "Ana plays the cello");
    expect(await store.get(ana(), cello!.id)).not.toBeNull();
    expect(await store.get(ana("work"), cello!.id)).toBeNull();
    expect((await store.search(ana("travel"), { query: "cello" })).map((i) => i.key)).toEqual(["trip"]);
  });

  it("listNamespaces lists the user's sub-namespaces with prefix, suffix and maxDepth", async () => {
    expect(await store.listNamespaces({ prefix: ana() })).toEqual([ana(), ana("travel"), ana("work"), ana("work", "projects")]);
    expect(await store.listNamespaces({ prefix: ana("work") })).toEqual([ana("work"), ana("work", "projects")]);
    expect(await store.listNamespaces({ suffix: ["projects"] })).toEqual([ana("work", "projects")]);
    expect(await store.listNamespaces({ prefix: ana(), maxDepth: 3 })).toEqual([ana(), ana("travel"), ana("work")]);
  });

  it("deleting a key in one namespace leaves the same key elsewhere; another user's sub-namespace reads as missing", async () => {
    await store.delete(ana("work"), "diet");
    expect(await store.get(ana("work"), "diet")).toBeNull();
    expect((await store.get(ana(), "diet"))!.value.content).toBe("Ana is vegetarian");
    expect((await api.list({ userId: "ns-ana" })).items.some((m) => m.content.includes("Fridays"))).toBe(false);
    const ben = store.forUser("ns-ben");
    expect(await ben.get(ana("travel"), "trip")).toBeNull();
    expect(await ben.search(ana("travel"), { query: "Lisbon" })).toEqual([]);
    expect(await ben.listNamespaces({ prefix: ana() })).toEqual([]);
    await expect(ben.put(ana("travel"), "trip", { content: "Ben overwrote this" })).rejects.toThrow(/acting user's namespace/);
  });

  it("two keys whose text is the same share one memory until one of them changes, which leaves the other as it was", async () => {
    await store.put(ana("travel"), "veg", { content: "Ana is vegetarian" });
    expect((await api.list({ userId: "ns-ana" })).items.filter((m) => m.content === "Ana is vegetarian")).toHaveLength(1);
    await store.put(ana("travel"), "veg", { content: "Ana eats vegan food when travelling" });
    expect((await store.get(ana(), "diet"))!.value.content).toBe("Ana is vegetarian");
    expect((await store.get(ana("travel"), "veg"))!.value.content).toBe("Ana eats vegan food when travelling");
    await store.delete(ana("travel"), "veg");
    expect((await store.get(ana(), "diet"))!.value.content).toBe("Ana is vegetarian");
  });

  it("opens a key index written before namespaces (store_keys) and keeps its keys in the user's namespace", async () => {
    const path = join(tempDir(), "old-store.sqlite");
    const [outcome] = await api.add("Ana's old key index remembers tea", { userId: "ns-ana", infer: false });
    const db = openSqlite(path);
    db.exec(`CREATE TABLE store_keys (user_id TEXT NOT NULL, key TEXT NOT NULL, memory_id TEXT NOT NULL, extra TEXT NOT NULL,
      fields TEXT NOT NULL, PRIMARY KEY (user_id, key))`);
    db.prepare("INSERT INTO store_keys VALUES (?, ?, ?, ?, ?)").run(
      "ns-ana",
      "tea",
      outcome!.id,
      JSON.stringify({ cup: 2 }),
      JSON.stringify(["content"]),
    );
    db.close();
    const reopened = new MemoriaStore({ api, path });
    try {
      expect((await reopened.get(ana(), "tea"))!.value).toEqual({ content: "Ana's old key index remembers tea", cup: 2 });
      expect(await reopened.listNamespaces({})).toEqual([ana()]);
    } finally {
      reopened.close();
    }
  });
});
