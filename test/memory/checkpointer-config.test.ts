import { describe, expect, it } from "vitest";
import { ConfigError, StorageError } from "../../src/config/errors.js";
import { loadConfig } from "../../src/config/env.js";
import { openCheckpointer } from "../../src/memory/store/checkpointer.js";
import { tempDir } from "../helpers/stores.js";

describe("checkpointer configuration", () => {
  it("defaults to keeping 20 checkpoints per thread and a 500 ms lexicon age with a Chroma server", () => {
    const config = loadConfig({ CHROMA_URL: "http://127.0.0.1:8000" });
    expect(config.checkpointKeep).toBe(20);
    expect(config.searchMaxAgeMs).toBe(500);
    expect(loadConfig({}).searchMaxAgeMs).toBe(Infinity);
    expect(loadConfig({ MEMORIA_CHECKPOINT_KEEP: "0", MEMORIA_SEARCH_MAX_AGE_MS: "2000" })).toMatchObject({
      checkpointKeep: 0,
      searchMaxAgeMs: 2_000,
    });
    expect(loadConfig({}).searchCacheBytes).toBeUndefined();
    expect(loadConfig({ MEMORIA_SEARCH_CACHE_MB: "64" }).searchCacheBytes).toBe(64 * 2 ** 20);
    expect(() => loadConfig({ MEMORIA_SEARCH_CACHE_MB: "0" })).toThrow(/MEMORIA_SEARCH_CACHE_MB/);
    expect(loadConfig({}).searchSnapshots).toBe(true);
    expect(loadConfig({ MEMORIA_SEARCH_SNAPSHOTS: "false" }).searchSnapshots).toBe(false);
    expect(() => loadConfig({ MEMORIA_SEARCH_SNAPSHOTS: "maybe" })).toThrow(/MEMORIA_SEARCH_SNAPSHOTS/);
  });

  it("rejects a negative or non-numeric retention with a ConfigError naming the variable", () => {
    expect(() => loadConfig({ MEMORIA_CHECKPOINT_KEEP: "-1" })).toThrow(/MEMORIA_CHECKPOINT_KEEP/);
    expect(() => loadConfig({ MEMORIA_CHECKPOINT_KEEP: "many" })).toThrow(ConfigError);
  });

  it("an unreachable Postgres fails with a StorageError, not a hang", async () => {
    const open = openCheckpointer({ kind: "postgres", dataDir: tempDir(), postgresUrl: "postgresql://nobody@127.0.0.1:1/none" });
    await expect(open).rejects.toThrow(StorageError);
    await expect(open).rejects.toThrow(/Could not set up the Postgres checkpointer/);
  });
});
