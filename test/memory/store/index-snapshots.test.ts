import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryApi } from "../../../src/memory/api/memory-api.js";
import { openStores, type OpenStores } from "../../../src/memory/store/open-stores.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { tempDir } from "../../helpers/stores.js";

const MIN = 120;
const embedder = new HashEmbeddings();
let open: OpenStores | undefined;

async function start(dataDir: string, searchSnapshots = true): Promise<{ stores: OpenStores; api: MemoryApi }> {
  const stores = await openStores({ dataDir, embedder, search: { snapshotMinRecords: MIN }, searchSnapshots });
  open = stores;
  return { stores, api: new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger }) };
}

async function stop(stores: OpenStores): Promise<void> {
  await stores.close();
  open = undefined;
}

const snapshotFiles = (dataDir: string) =>
  existsSync(join(dataDir, "search-index"))
    ? readdirSync(join(dataDir, "search-index"), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith(".snap"))
        .map((e) => join(e.parentPath, e.name))
    : [];
const snapshotText = (dataDir: string) =>
  snapshotFiles(dataDir)
    .map((f) => readFileSync(f, "latin1"))
    .join("\n");

afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe("search index snapshots with embedded Chroma", () => {
  it("restarts from a large user's snapshot with the same results, and keeps deleted text out of every snapshot", async () => {
    const dataDir = tempDir();
    let { stores, api } = await start(dataDir);
    const texts = Array.from({ length: MIN + 30 }, (_, i) => ({ text: `Note ${i}: my neighbour ${i} grows beans and radishes.` }));
    await api.addMany([...texts, { text: "My bank PIN is hidden under the blue teapot." }], { userId: "big" });
    await api.addMany([{ text: "Small user likes the blue teapot too." }], { userId: "small" });
    const before = await api.search("blue teapot PIN", { userId: "big", limit: 5 });
    expect(before[0]!.content).toContain("blue teapot");
    await stop(stores);
    expect(snapshotFiles(dataDir)).toHaveLength(1);
    expect(snapshotText(dataDir)).toContain("hidden under the blue teapot");
    expect(snapshotText(dataDir)).not.toContain("Small user");

    ({ stores, api } = await start(dataDir));
    const after = await api.search("blue teapot PIN", { userId: "big", limit: 5 });
    expect(after.map((m) => [m.id, m.content])).toEqual(before.map((m) => [m.id, m.content]));
    const [late] = await api.add("My locker is number 808.", { userId: "big", infer: false });
    await api.delete(before[0]!.id, { userId: "big" });
    expect(snapshotText(dataDir)).not.toContain("blue teapot");
    await stop(stores);
    expect(snapshotFiles(dataDir)).toHaveLength(1);
    expect(snapshotText(dataDir)).not.toContain("blue teapot");

    ({ stores, api } = await start(dataDir, false));
    expect(snapshotFiles(dataDir)).toEqual([]);
    await api.search("locker", { userId: "big" });
    await stop(stores);
    expect(snapshotFiles(dataDir)).toEqual([]);

    ({ stores, api } = await start(dataDir));
    const again = await api.search("locker 808 teapot", { userId: "big", limit: 5 });
    expect(again[0]!.id).toBe(late!.id);
    expect(again.map((m) => m.id)).not.toContain(before[0]!.id);
    await stop(stores);
    expect(snapshotFiles(dataDir)).toHaveLength(1);

    ({ stores, api } = await start(dataDir));
    await api.deleteUser("big");
    expect(snapshotFiles(dataDir)).toEqual([]);
    expect(await api.search("locker", { userId: "big" })).toEqual([]);
    await stop(stores);
    expect(snapshotFiles(dataDir)).toEqual([]);
  });
});
