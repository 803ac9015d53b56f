import { ChromaClient } from "chromadb";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DataDirLockedError, EmbedderMismatchError } from "../../../src/config/errors.js";
import { lockDataDir } from "../../../src/memory/store/data-dir-lock.js";
import { kindCollections } from "../../../src/memory/records/chroma/embedder-collections.js";
import { describeReindex, reindexAll, reindexStores, reindexUser } from "../../../src/memory/store/reindex.js";
import { SnapshotStore, snapshotDirOf } from "../../../src/memory/index/snapshot/snapshot-store.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { tempDir, testConfig, testStores } from "../../helpers/stores.js";

const NOW = "2025-03-01T00:00:00.000Z";
const fact = (content: string) => ({
  content,
  type: "fact" as const,
  category: "personal",
  importance: 0.7,
  eventDate: "2025-02-01T00:00:00.000Z",
});

describe("reindexing with a new embedder", () => {
  it("refuses the other embedder, then moves users one at a time or all at once without losing anything", async () => {
    const config = testConfig();
    const before = await testStores(new HashEmbeddings(256), config);
    await before.memory.insert("u1", fact("Ulla keeps bees on the roof."), { threadId: "t1" }, NOW);
    await before.memory.insert("u2", fact("Ugo restores old radios."), {}, NOW);
    await before.entities.merge("u1", [{ name: "Ulla", kind: "person", attributes: { hobby: "bees" } }], NOW);
    const original = [...(await before.memory.all({ userId: "u1" })), ...(await before.memory.all({ userId: "u2" }))];
    await before.close();

    const next = new HashEmbeddings(128);
    const refused = testStores(next, config);
    await expect(refused).rejects.toBeInstanceOf(EmbedderMismatchError);
    await expect(refused).rejects.toThrow("npx tsx src/cli/reindex.ts --to hash:128 --all");

    const url = new URL(config.chromaUrl!);
    const client = new ChromaClient({ host: url.hostname, port: Number(url.port) });
    const first = await reindexUser(client, config.collectionPrefix, "u1", next);
    expect(first.moved.map((m) => [m.kind, m.rows, m.users])).toEqual([
      ["memories", 1, 1],
      ["entities", 1, 1],
    ]);
    expect(describeReindex(first)[0]).toMatch(/moved 1 memories rows of 1 user/);
    expect(first.removedCollections).toEqual([`${config.collectionPrefix}_entities`]);

    const partial = await testStores(next, config);
    const [found] = await partial.memory.search("bees", { userId: "u1", now: NOW });
    expect(found!.content).toBe("Ulla keeps bees on the roof.");
    expect(found!.similarity).toBeGreaterThan(0.3);
    expect((await partial.entities.list("u1")).map((e) => e.name)).toEqual(["Ulla"]);
    await expect(partial.memory.search("radios", { userId: "u2" })).rejects.toThrow("npx tsx src/cli/reindex.ts --to hash:128 --user u2");
    await partial.close();

    const rest = await reindexAll(client, config.collectionPrefix, next);
    expect(rest.moved.map((m) => [m.kind, m.rows])).toEqual([["memories", 1]]);
    expect(rest.removedCollections).toEqual([`${config.collectionPrefix}_memories`]);
    const collections = await kindCollections(client, config.collectionPrefix, "memories");
    expect(collections.map((c) => [c.embedder, c.dimension])).toEqual([["hash:128", 128]]);

    const after = await testStores(next, config);
    expect((await after.memory.search("radios", { userId: "u2", now: NOW }))[0]!.content).toBe("Ugo restores old radios.");
    const moved = [...(await after.memory.all({ userId: "u1" })), ...(await after.memory.all({ userId: "u2" }))];
    expect(moved).toEqual(original);
    expect(describeReindex(await reindexAll(client, config.collectionPrefix, next))).toEqual([
      "nothing to reindex: every row is already built with hash:128",
    ]);
    await after.close();
  });

  it("reindexStores erases the data directory's index snapshots, which hold the old rows", async () => {
    const config = testConfig();
    const before = await testStores(new HashEmbeddings(256), config);
    await before.memory.insert("u3", fact("Vera collects maps."), {}, NOW);
    const snap = { takenAt: 1, records: await before.memory.all({ userId: "u3" }), vectors: [new Float32Array(256)] };
    await before.close();
    const dir = snapshotDirOf(config.dataDir);
    for (const scope of ["memories-a", "memories-b"]) expect(await new SnapshotStore(dir, scope).write("u3", () => snap)).toBe(true);
    const files = () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".snap"));
    expect(files()).toHaveLength(2);

    const report = await reindexStores({
      ...config,
      dataDir: config.dataDir,
      collectionPrefix: config.collectionPrefix,
      embedder: new HashEmbeddings(128),
    });
    expect(report.moved.map((m) => [m.kind, m.rows])).toEqual([["memories", 1]]);
    expect(files()).toEqual([]);
  });

  it("reindexStores with embedded Chroma refuses a data directory that is open, and starts no server on it", async () => {
    const dataDir = tempDir();
    const lock = lockDataDir(dataDir);
    try {
      await expect(reindexStores({ dataDir, collectionPrefix: "memoria", embedder: new HashEmbeddings(128) })).rejects.toThrow(
        DataDirLockedError,
      );
      expect(readdirSync(dataDir)).not.toContain("chroma");
    } finally {
      lock.release();
    }
  });
});
