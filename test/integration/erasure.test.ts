import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { createMemoria } from "../../src/graph/create-memoria.js";
import { fallbackReconciler } from "../../src/memory/reconcile/fallback-reconciler.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { tempDir } from "../helpers/stores.js";

const gone = ["QZQUEUEDQZ", "QZAPIFACTQZ", "QZTURNTEXTQZ", "QZEXTRACTEDQZ", "QZENTITYATTRQZ", "QZONEDELETEDQZ"];
const kept = "QZKEPTFACTQZ";

const rules = [
  {
    when: "QZTURNTEXTQZ",
    memories: [{ content: "User's locker code is QZEXTRACTEDQZ", type: "fact" as const, category: "personal", importance: 0.9 }],
    entities: [{ name: "Quentin", kind: "person", attributes: { secret: "QZENTITYATTRQZ" } }],
  },
];

/** Every file under dir, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The canaries found in any file under dir, with the files that hold them. */
function canariesOnDisk(dir: string, canaries: string[]): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const canary of canaries) if (bytes.includes(Buffer.from(canary))) hits.push(`${canary} in ${file.slice(dir.length)}`);
  }
  return hits;
}

describe("erasure on disk (embedded Chroma, SQLite ledger and checkpointer)", () => {
  it("after deleteUser and delete, no byte of the user's text remains in any file under the data dir", async () => {
    const dataDir = tempDir("memoria-erasure-");
    const config = loadConfig({ MEMORIA_DATA_DIR: dataDir });
    const app = await createMemoria({
      config,
      chatModel: scriptedMemoryModel(rules),
      embedder: new HashEmbeddings(),
      reconciler: fallbackReconciler,
    });
    try {
      await app.api.add("My passport number is QZAPIFACTQZ", { userId: "gone", infer: false });
      await app.graph.invoke(
        { messages: [{ role: "user", content: "Remember QZTURNTEXTQZ please, my friend Quentin knows." }] },
        { configurable: { thread_id: "gone-thread" }, context: { userId: "gone", tier: "A" } },
      );
      expect((await app.api.list({ userId: "gone" })).items.map((m) => m.content).join()).toContain("QZEXTRACTEDQZ");
      expect(JSON.stringify(await app.api.entities("gone"))).toContain("QZENTITYATTRQZ");
      await app.api.add(`The kept user's fact ${kept}`, { userId: "kept", infer: false });
      const [deleted] = await app.api.add("The kept user's slip QZONEDELETEDQZ", { userId: "kept", infer: false });
      expect(await app.api.delete(deleted!.id!, { userId: "kept" })).toBe(true);
      await app.stores.ledger.queue.push("gone", "extraction", {
        kind: "facts",
        input: { userId: "gone", userMessage: "QZQUEUEDQZ", now: "2026-01-01T00:00:00.000Z" },
      });
      const report = await app.api.deleteUser("gone");
      // the API fact, the extracted fact and the tier-A turn's episode
      expect(report).toEqual({ memories: 3, entities: 1, threads: 1, queuedJobs: 1 });
    } finally {
      await app.close();
    }
    expect(canariesOnDisk(dataDir, gone)).toEqual([]);
    expect(canariesOnDisk(dataDir, [kept]).length).toBeGreaterThan(0);

    const reopened = await createMemoria({ config, chatModel: scriptedMemoryModel([]), embedder: new HashEmbeddings() });
    try {
      expect((await reopened.api.list({ userId: "kept" })).items.map((m) => m.content)).toEqual([`The kept user's fact ${kept}`]);
      expect((await reopened.api.search("kept fact", { userId: "kept" }))[0]?.content).toContain(kept);
      await reopened.api.add("Still writable after the purge", { userId: "kept", infer: false });
      expect((await reopened.api.list({ userId: "kept" })).total).toBe(2);
      expect((await reopened.api.list({ userId: "gone" })).total).toBe(0);
    } finally {
      await reopened.close();
    }
  }, 40_000);
});
