import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { loadConfig, type AppConfig } from "../../src/config/env.js";
import { openStores, type OpenStores } from "../../src/memory/store/open-stores.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import type { Embedder } from "../../src/providers/embedder.js";
import { MemoryApi } from "../../src/memory/api/memory-api.js";

/** A fresh temp directory. */
export function tempDir(prefix = "memoria-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Config pointing at the shared test Chroma server, with a unique collection prefix so tests never share rows. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    CHROMA_URL: inject("chromaUrl"),
    MEMORIA_DATA_DIR: tempDir(),
    MEMORIA_COLLECTION_PREFIX: `t${randomUUID().replace(/-/g, "").slice(0, 12)}`,
    ...overrides,
  });
}

/** Opens real Chroma-backed stores on the shared test server. */
export function testStores(embedder: Embedder = new HashEmbeddings(), config = testConfig()): Promise<OpenStores> {
  return openStores({ chromaUrl: config.chromaUrl, dataDir: config.dataDir, collectionPrefix: config.collectionPrefix, embedder });
}

/** Real stores on the shared test server plus a MemoryApi over them with a fixed clock. */
export async function testMemoryApi(now: string): Promise<{ stores: OpenStores; api: MemoryApi }> {
  const stores = await testStores();
  return {
    stores,
    api: new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger, clock: () => new Date(now) }),
  };
}
