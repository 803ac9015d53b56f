import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/config/errors.js";
import { loadConfig } from "../../src/config/env.js";
import { createMemoria } from "../../src/graph/create-memoria.js";
import { fallbackReconciler } from "../../src/memory/reconcile/fallback-reconciler.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { tempDir } from "../helpers/stores.js";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
const onDisk = (dir: string, canary: string) => filesUnder(dir).filter((f) => readFileSync(f).includes(Buffer.from(canary)));

describe("expiry: expired memories are never returned and are purged like a delete, on disk too", () => {
  it("hides a memory once it expires, purges it through delete's path, and leaves no byte of it after close", async () => {
    const dataDir = tempDir("memoria-expiry-");
    let now = Date.parse("2026-05-01T10:00:00.000Z");
    const clock = () => new Date(now);
    const app = await createMemoria({
      config: loadConfig({ MEMORIA_DATA_DIR: dataDir }),
      chatModel: scriptedMemoryModel([]),
      embedder: new HashEmbeddings(),
      reconciler: fallbackReconciler,
      clock,
    });
    const userId = "expiry-ana";
    let expiringId = "";
    try {
      const [expiring] = await app.api.add("Ana's door code is QZEXPIRINGQZ", { userId, infer: false, ttlSeconds: 60 });
      expiringId = expiring!.id!;
      await app.api.add("Ana's locker code is QZLATERQZ", { userId, infer: false, expiresAt: "2027-01-01" });
      await app.api.addMany([{ text: "Ana's bike code is QZBATCHQZ", ttlSeconds: 30 }], { userId });
      expect((await app.api.get(expiringId, { userId }))?.expiresAt).toBe("2026-05-01T10:01:00.000Z");
      expect((await app.api.search("code", { userId, limit: 10 })).map((m) => m.content).join()).toContain("QZEXPIRINGQZ");
      await expect(app.api.add("x", { userId, infer: false, ttlSeconds: -5 })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(app.api.add("x", { userId, infer: false, ttlSeconds: 5, expiresAt: "2027-01-01" })).rejects.toThrow(/not both/);
      await expect(app.api.add("x", { userId, infer: false, expiresAt: "soon" })).rejects.toThrow(/expiresAt/);

      now += 2 * 60_000;
      const iso = clock().toISOString();
      expect((await app.stores.memory.search("code", { userId, limit: 10, now: iso })).map((m) => m.content)).toEqual([
        "Ana's locker code is QZLATERQZ",
      ]);
      expect(await app.stores.memory.profile(userId)).not.toContain("QZEXPIRINGQZ");
      expect((await app.api.search("code", { userId, limit: 10 })).map((m) => m.content)).toEqual(["Ana's locker code is QZLATERQZ"]);
      expect(await app.api.get(expiringId, { userId })).toBeUndefined();
      expect((await app.api.list({ userId, includeHistorical: true })).items.map((m) => m.content)).toEqual([
        "Ana's locker code is QZLATERQZ",
      ]);
      const history = await app.api.history(expiringId, { userId });
      expect(history.map((e) => [e.action, e.content])).toEqual([
        ["ADD", null],
        ["DELETE", null],
      ]);
    } finally {
      await app.close();
    }
    expect(onDisk(dataDir, "QZEXPIRINGQZ")).toEqual([]);
    expect(onDisk(dataDir, "QZBATCHQZ")).toEqual([]);
    expect(onDisk(dataDir, "QZLATERQZ").length).toBeGreaterThan(0);
  });
});
