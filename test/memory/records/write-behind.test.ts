import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, inject, it } from "vitest";
import { StorageError } from "../../../src/config/errors.js";
import { MemoryApi } from "../../../src/memory/api/memory-api.js";
import { openLedger } from "../../../src/memory/ledger/open-ledger.js";
import { openStores, type OpenStores } from "../../../src/memory/store/open-stores.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { newRecord } from "../../../src/memory/reconcile/reconcile-write.js";
import { ChromaProxy } from "../../helpers/chroma-proxy.js";
import { tempDir, testConfig } from "../../helpers/stores.js";

const embedder = new HashEmbeddings();
const opened: OpenStores[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

/** Stores on the test Chroma; a long flush interval keeps single adds in the outbox until something reads. */
async function open(options: { chromaUrl?: string; dataDir?: string; prefix?: string; writeFlushMs?: number } = {}) {
  const config = testConfig();
  const stores = await openStores({
    chromaUrl: options.chromaUrl ?? config.chromaUrl,
    dataDir: options.dataDir ?? config.dataDir,
    collectionPrefix: options.prefix ?? config.collectionPrefix,
    embedder,
    writeFlushMs: options.writeFlushMs ?? 60_000,
  });
  opened.push(stores);
  return { stores, api: new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger }), config };
}

/** Another process's view of the same Chroma collections (its own data directory, so its own empty outbox). */
const reader = (prefix: string) => open({ dataDir: tempDir(), prefix });

const ledgerBytes = (stores: OpenStores) =>
  Buffer.concat([stores.ledger.path!, `${stores.ledger.path!}-wal`].filter(existsSync).map((p) => readFileSync(p))).toString("latin1");

describe("write-behind single add", () => {
  it("acknowledges from the outbox, and an immediate get, list or search sees the row", async () => {
    const { stores, api } = await open();
    const [added] = await api.add("Ana keeps bees on her balcony", { userId: "ana", infer: false });
    expect(stores.ledger.outbox!.count()).toBe(1);
    expect((await api.get(added!.id!, { userId: "ana" }))?.content).toBe("Ana keeps bees on her balcony");
    expect(stores.ledger.outbox!.count()).toBe(0);
    await api.add("Ana started the cello in March", { userId: "ana", infer: false });
    expect((await api.list({ userId: "ana" })).total).toBe(2);
    await api.add("Ana's cat is called Miso", { userId: "ana", infer: false });
    expect((await api.search("cat Miso", { userId: "ana" })).map((m) => m.content)).toContain("Ana's cat is called Miso");
  });

  it("sends rows to Chroma on its timer, so another process sees them without any read here", async () => {
    const { api, config } = await open({ writeFlushMs: 20 });
    const other = await reader(config.collectionPrefix);
    await api.add("Bo grows tomatoes on the roof", { userId: "bo", infer: false });
    const started = performance.now();
    let seen = 0;
    while (seen === 0 && performance.now() - started < 1_000) {
      seen = (await other.api.list({ userId: "bo" })).total;
      if (!seen) await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toBe(1);
  });

  it("rows left in the outbox by a crash reach Chroma when the stores open again, re-embedded if the embedder changed", async () => {
    const config = testConfig();
    const ledger = openLedger(config.dataDir, config.collectionPrefix);
    const records = ["Cy runs marathons", "Cy is allergic to cats"].map((content, i) =>
      newRecord("cy", { content, type: "fact", category: "health", importance: 0.5 }, {}, `2026-01-0${i + 1}T00:00:00.000Z`),
    );
    const [first, second] = records;
    ledger.outbox!.append([
      { record: first!, vector: await embedder.embedQuery(first!.content), model: embedder.modelId },
      { record: second!, vector: [1, 2, 3], model: "an-embedder-replaced-since" },
    ]);
    ledger.close();
    const { stores } = await open({ dataDir: config.dataDir, prefix: config.collectionPrefix });
    expect(stores.ledger.outbox!.count()).toBe(0);
    const other = await reader(config.collectionPrefix);
    expect((await other.api.list({ userId: "cy" })).items.map((m) => m.content).sort()).toEqual([
      "Cy is allergic to cats",
      "Cy runs marathons",
    ]);
  });

  it("a row sent before a crash and changed since is not reverted when the crash leaves it in the outbox", async () => {
    const config = testConfig();
    const first = await open({ dataDir: config.dataDir, prefix: config.collectionPrefix });
    const [added] = await first.api.add("Fay lives in Oslo", { userId: "fay", infer: false });
    const sent = (await first.api.get(added!.id!, { userId: "fay" }))!;
    await first.api.update(added!.id!, { content: "Fay lives in Bergen" }, { userId: "fay" });
    await first.stores.close();
    const ledger = openLedger(config.dataDir, config.collectionPrefix);
    ledger.outbox!.append([{ record: sent, vector: await embedder.embedQuery(sent.content), model: embedder.modelId }]);
    ledger.close();
    const { stores } = await open({ dataDir: config.dataDir, prefix: config.collectionPrefix });
    expect(stores.ledger.outbox!.count()).toBe(0);
    const other = await reader(config.collectionPrefix);
    expect((await other.api.list({ userId: "fay" })).items.map((m) => m.content)).toEqual(["Fay lives in Bergen"]);
  });

  it("deleteUser with rows still in the outbox leaves nothing in Chroma nor in the ledger file", async () => {
    const { stores, api, config } = await open();
    await api.add("Eli likes jazz", { userId: "eli", infer: false });
    await api.add("Dee's locker code is QUOKKA-7731", { userId: "dee", infer: false });
    await api.add("Dee's passport number is XQ-5521-ZEBRA", { userId: "dee", infer: false });
    await api.add("Eli plays the banjo", { userId: "eli", infer: false });
    expect(stores.ledger.outbox!.count()).toBe(3);
    expect(ledgerBytes(stores)).toContain("QUOKKA-7731");
    expect((await api.deleteUser("dee")).memories).toBe(2);
    expect(stores.ledger.outbox!.count()).toBe(1);
    const bytes = ledgerBytes(stores);
    expect(bytes).not.toContain("QUOKKA-7731");
    expect(bytes).not.toContain("XQ-5521-ZEBRA");
    await stores.memory.flushWrites();
    const other = await reader(config.collectionPrefix);
    expect((await other.api.list({ userId: "dee" })).total).toBe(0);
    expect((await other.api.list({ userId: "eli" })).total).toBe(2);
  });

  it("update and delete of a row still in the outbox act on it, and it does not come back", async () => {
    const { stores, api, config } = await open();
    const [first] = await api.add("Fay lives in Porto", { userId: "fay", infer: false });
    expect((await api.update(first!.id!, { content: "Fay lives in Braga" }, { userId: "fay" })).content).toBe("Fay lives in Braga");
    const [second] = await api.add("Fay plays padel", { userId: "fay", infer: false });
    expect(await api.delete(second!.id!, { userId: "fay" })).toBe(true);
    await stores.memory.flushWrites();
    const other = await reader(config.collectionPrefix);
    expect((await other.api.list({ userId: "fay" })).items.map((m) => m.content)).toEqual(["Fay lives in Braga"]);
  });

  it("concurrent adds for one user keep exact-duplicate detection", async () => {
    const { api } = await open();
    const texts = ["Gus has two dogs", "gus has two dogs!", "Gus speaks Greek", "GUS SPEAKS GREEK.", "Gus has two dogs"];
    const outcomes = (await Promise.all(texts.map((t) => api.add(t, { userId: "gus", infer: false })))).flat();
    expect(outcomes.filter((o) => o.action === "ADD")).toHaveLength(2);
    expect(outcomes.filter((o) => o.action === "NONE")).toHaveLength(3);
    expect((await api.list({ userId: "gus" })).total).toBe(2);
  });

  it("with Chroma down, add rejects with StorageError and nothing is enqueued; accepted rows are sent once it is back", async () => {
    const proxy = new ChromaProxy(new URL(inject("chromaUrl")));
    const port = await proxy.up();
    const { stores, api } = await open({ chromaUrl: `http://127.0.0.1:${port}`, writeFlushMs: 10 });
    await api.add("Hal plays chess", { userId: "hal", infer: false });
    await stores.memory.flushWrites();
    await proxy.down();
    try {
      await expect(api.add("Ivy paints", { userId: "ivy", infer: false })).rejects.toThrow(StorageError);
      expect(stores.ledger.outbox!.count()).toBe(0);
      const [accepted] = await api.add("Hal learns Go", { userId: "hal", infer: false });
      expect(accepted?.action).toBe("ADD");
      await expect(stores.memory.flushWrites()).rejects.toThrow(StorageError);
      expect(stores.ledger.outbox!.count()).toBe(1);
      for (const text of ["Hal collects stamps", "Hal bakes bread"])
        await expect(api.add(text, { userId: "hal", infer: false })).rejects.toThrow(StorageError);
      expect(stores.ledger.outbox!.count()).toBe(1);
    } finally {
      await proxy.up();
    }
    await stores.memory.flushWrites();
    expect(stores.ledger.outbox!.count()).toBe(0);
    const contents = (await api.list({ userId: "hal" })).items.map((m) => m.content);
    expect(contents.sort()).toEqual(["Hal learns Go", "Hal plays chess"]);
  });
});
