import { join } from "node:path";
import type { ChromaClient } from "chromadb";
import { describe, expect, it } from "vitest";
import { DependencyVersionError } from "../../../../src/config/errors.js";
import { openSqlite } from "../../../../src/memory/ledger/sqlite.js";
import {
  CHROMA_SERVER_TESTED_VERSION,
  CHROMADB_TESTED_VERSION,
  checkChromaClientVersion,
  checkChromaLogSchema,
  checkChromaServerVersion,
  chromaHttpClient,
} from "../../../../src/memory/records/chroma/chroma-internals.js";
import { startChromaServer } from "../../../../src/memory/records/chroma/chroma-server.js";
import { chromaClient } from "../../../../src/memory/records/chroma/connect.js";
import { purgeChromaLog } from "../../../../src/memory/records/chroma/purge-chroma-log.js";
import { tempDir } from "../../../helpers/stores.js";

const nextMinor = (v: string) => v.replace(/^(\d+)\.(\d+)\..*$/, (_, major: string, minor: string) => `${major}.${Number(minor) + 1}.0`);

describe("the Chroma fence", () => {
  it("accepts the installed client and server binding and refuses other minor releases by name", () => {
    expect(() => checkChromaClientVersion()).not.toThrow();
    expect(() => checkChromaServerVersion()).not.toThrow();
    expect(() => checkChromaClientVersion(nextMinor(CHROMADB_TESTED_VERSION))).toThrow(DependencyVersionError);
    expect(() => checkChromaServerVersion(nextMinor(CHROMA_SERVER_TESTED_VERSION))).toThrow(/Chroma server 1\.0\.5.*Install/);
    expect(() => chromaHttpClient({} as ChromaClient)).toThrow(DependencyVersionError);
  });

  it("a real embedded Chroma: the client's HTTP client carries the timeout, its files have the log tables the scrub writes", async () => {
    const dir = tempDir("memoria-chroma-fence-");
    const server = await startChromaServer({ path: dir });
    try {
      const client = chromaClient(server.url, 10_000);
      expect(typeof chromaHttpClient(client).getConfig().fetch).toBe("function");
      const collection = await client.getOrCreateCollection({ name: "fence", embeddingFunction: null });
      await collection.add({
        ids: ["a", "b"],
        embeddings: [
          [0.1, 0.2],
          [0.3, 0.4],
        ],
        metadatas: [{ text: "secret" }, { text: "kept" }],
      });
      await collection.delete({ ids: ["a"] });
      expect(await collection.count()).toBe(1);
    } finally {
      await server.stop();
    }
    const db = openSqlite(join(dir, "chroma.sqlite3"));
    try {
      expect(() => checkChromaLogSchema(db)).not.toThrow();
    } finally {
      db.close();
    }
    expect(purgeChromaLog(dir).scrubbedLogRows).toBeGreaterThanOrEqual(0);
  });

  it("a chroma.sqlite3 of another layout is refused with DependencyVersionError before anything is changed", () => {
    const dir = tempDir("memoria-chroma-other-");
    const db = openSqlite(join(dir, "chroma.sqlite3"));
    db.exec(
      "CREATE TABLE embeddings_queue (seq_id INTEGER, topic TEXT, id TEXT, metadata TEXT); INSERT INTO embeddings_queue VALUES (1, 't', 'a', 'x')",
    );
    db.close();
    expect(() => purgeChromaLog(dir)).toThrow(/lacks embeddings_queue\.operation, table max_seq_id/);
    expect(() => purgeChromaLog(dir)).toThrow(DependencyVersionError);
    const after = openSqlite(join(dir, "chroma.sqlite3"));
    expect(after.prepare("SELECT metadata FROM embeddings_queue").get()).toEqual({ metadata: "x" });
    after.close();
  });
});
