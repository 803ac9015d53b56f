import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryApi } from "../../../src/memory/api/memory-api.js";
import { MemoryRows } from "../../../src/memory/records/chroma/memory-rows.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { testConfig, testStores } from "../../helpers/stores.js";

let stores: OpenStores | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await stores?.close();
  stores = undefined;
});

let now = 0;
const advance = (ms: number) => (now += ms);

/** A MemoryApi on fresh stores (over the given config's data, so a second call reopens them) with the test's clock. */
async function openApi(config = testConfig()): Promise<{ api: MemoryApi; memory: OpenStores["memory"] }> {
  await stores?.close();
  stores = await testStores(undefined, config);
  const api = new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger, clock: () => new Date(now) });
  return { api, memory: stores.memory };
}

describe("search's purge of expired memories reads the loaded index, never all the user's rows from Chroma", () => {
  it("the first search of a user whose index is not loaded hides the expired memory, then purges it from the index it loaded", async () => {
    now = Date.parse("2026-05-01T10:00:00.000Z");
    const config = testConfig();
    const writer = (await openApi(config)).api;
    const userId = "purge-ana";
    const [expiring] = await writer.add("Ana's gate code is 4417", { userId, infer: false, ttlSeconds: 60 });
    await writer.add("Ana's locker code is 9902", { userId, infer: false });
    const { api, memory } = await openApi(config);
    expect(memory.indexPending(userId)).toBe(true);
    advance(2 * 60_000);
    const find = vi.spyOn(MemoryRows.prototype, "find");

    const found = await api.search("code", { userId, limit: 10 });

    expect(found.map((m) => m.content)).toEqual(["Ana's locker code is 9902"]);
    expect(memory.indexPending(userId)).toBe(false);
    expect(find).not.toHaveBeenCalled();
    expect((await api.history(expiring!.id!, { userId })).map((e) => e.action)).toEqual(["ADD", "DELETE"]);
  });

  it("a search that expires nothing new within the minute does not purge again, and a later one does", async () => {
    now = Date.parse("2026-05-01T10:00:00.000Z");
    const { api } = await openApi();
    const userId = "purge-bo";
    const [soon] = await api.add("Bo's parking spot is B12", { userId, infer: false, ttlSeconds: 30 });
    await api.search("parking", { userId });
    advance(40_000);
    expect(await api.search("parking", { userId })).toEqual([]);
    expect((await api.history(soon!.id!, { userId })).map((e) => e.action)).toEqual(["ADD"]);
    advance(30_000);
    await api.search("parking", { userId });
    expect((await api.history(soon!.id!, { userId })).map((e) => e.action)).toEqual(["ADD", "DELETE"]);
  });
});
