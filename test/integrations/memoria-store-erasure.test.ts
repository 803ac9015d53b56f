import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoriaStore } from "../../src/integrations/memoria-store.js";
import type { MemoryApi } from "../../src/memory/api/memory-api.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import { tempDir, testMemoryApi } from "../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;
let store: MemoriaStore;
const dir = tempDir("memoria-store-erasure-");

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
  store = new MemoriaStore({ api, path: join(dir, "store.sqlite") });
});
afterAll(async () => {
  store?.close();
  await stores?.close();
});

const bytesOnDisk = (canary: string) => readdirSync(dir).some((f) => readFileSync(join(dir, f)).includes(canary));

describe("MemoriaStore and MemoryApi.deleteUser", () => {
  it("deleteUser through the API also erases the user's keys, sub-namespaces, extra value fields and unindexed values from the store's index file", async () => {
    await store.put(["memories", "gone"], "QZSECRETKEYQZ", { content: "Gone likes figs", note: "QZEXTRAFIELDQZ" });
    await store.put(["memories", "gone", "QZSUBLABELQZ"], "k", { content: "Gone likes dates", note: "QZSUBFIELDQZ" });
    await store.put(["memories", "gone", "raw"], "k", { note: "QZUNINDEXEDQZ" }, false);
    await store.put(["memories", "kept"], "kept-key", { content: "Kept likes plums", note: "QZKEPTFIELDQZ" });
    expect(bytesOnDisk("QZSECRETKEYQZ")).toBe(true);

    await api.deleteUser("gone");
    expect(await store.get(["memories", "gone"], "QZSECRETKEYQZ")).toBeNull();
    expect(await store.listNamespaces({})).toEqual([["memories", "kept"]]);
    expect(bytesOnDisk("QZSECRETKEYQZ")).toBe(false);
    expect(bytesOnDisk("QZEXTRAFIELDQZ")).toBe(false);
    for (const canary of ["QZSUBLABELQZ", "QZSUBFIELDQZ", "QZUNINDEXEDQZ"]) expect(bytesOnDisk(canary)).toBe(false);
    expect(bytesOnDisk("QZKEPTFIELDQZ")).toBe(true);
    expect((await store.get(["memories", "kept"], "kept-key"))!.value).toMatchObject({ note: "QZKEPTFIELDQZ" });
  });
});
