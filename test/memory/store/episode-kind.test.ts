import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { testStores } from "../../helpers/stores.js";

let stores: OpenStores;
beforeAll(async () => {
  stores = await testStores();
});
afterAll(() => stores?.close());

describe("memory kinds in Chroma", () => {
  it("a row written before kinds existed (no kind metadata) counts as a fact for filters and reconciliation", async () => {
    const outcome = await stores.memory.insert("kim", { content: "Kim keeps bees", type: "fact", category: "hobby", importance: 0.5 });
    await stores.memory.flushWrites();
    const collection = (
      stores.memory as unknown as {
        rows: { rowsCollection: { get(a: object): Promise<{ metadatas: Record<string, unknown>[] }>; update(a: object): Promise<void> } };
      }
    ).rows.rowsCollection;
    const [md] = (await collection.get({ ids: [outcome.id] })).metadatas;
    const { kind: _kind, ...legacy } = md!;
    await collection.update({ ids: [outcome.id], metadatas: [{ ...legacy, kind: null }] });
    await stores.memory.storeEpisode("kim", { userMessage: "I keep bees on the roof", assistantMessage: "Lovely." });
    expect((await stores.memory.all({ userId: "kim", kind: "fact" })).map((m) => m.content)).toEqual(["Kim keeps bees"]);
    expect((await stores.memory.all({ userId: "kim", kind: "episode" })).map((m) => m.kind)).toEqual(["episode"]);
    const again = await stores.memory.write("kim", [{ content: "Kim keeps bees", type: "fact", category: "hobby", importance: 0.5 }]);
    expect(again[0]?.action).toBe("NONE");
  });
});
