import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChromaUnavailableError, StorageTimeoutError } from "../../../../src/config/errors.js";
import type { Logger } from "../../../../src/config/logger.js";
import { openStores, type OpenStores } from "../../../../src/memory/store/open-stores.js";
import { HashEmbeddings } from "../../../../src/providers/hash-embeddings.js";
import { tempDir } from "../../../helpers/stores.js";

const fact = (content: string) => ({ content, type: "preference" as const, category: "food", importance: 0.5 });

/** Stores over an embedded Chroma with short timeouts, and the warnings they log. */
async function embedded(): Promise<{ stores: OpenStores; dataDir: string; warnings: string[] }> {
  const warnings: string[] = [];
  const logger: Logger = { warn: (message) => warnings.push(message), info: () => {} };
  const dataDir = tempDir("memoria-restart-chroma-");
  const stores = await openStores({
    dataDir,
    embedder: new HashEmbeddings(),
    logger,
    chromaTimeoutMs: 1_000,
    writeFlushMs: 20,
    chromaRestart: { failuresBeforeCheck: 2, heartbeatTimeoutMs: 1_000, startTimeoutMs: 20_000, retryRestartMs: 60_000 },
  });
  return { stores, dataDir, warnings };
}

/** Runs `fn` until it succeeds or `ms` pass; returns its result, the errors met on the way and the time taken. */
async function until<T>(fn: () => Promise<T>, ms: number): Promise<{ value: T; errors: Error[]; ms: number }> {
  const start = Date.now();
  const errors: Error[] = [];
  for (;;) {
    try {
      return { value: await fn(), errors, ms: Date.now() - start };
    } catch (error) {
      errors.push(error as Error);
      if (Date.now() - start > ms) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const contents = async (stores: OpenStores, query: string) =>
  (await stores.memory.search(query, { userId: "u1", limit: 10 })).map((m) => m.content);

describe("an embedded Chroma that dies or hangs while memoria is open", () => {
  it("is restarted on the same data after SIGKILL: an add and a search succeed, earlier memories remain", async () => {
    const { stores, warnings } = await embedded();
    try {
      await stores.memory.write("u1", [fact("User likes green tea")]);
      await stores.memory.flushWrites();
      const pid = stores.server!.pid!;
      process.kill(pid, "SIGKILL");

      const started = Date.now();
      await stores.memory.write("u1", [fact("User likes black coffee")]);
      await stores.memory.flushWrites();
      const found = await contents(stores, "what does the user drink");
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(found).toEqual(expect.arrayContaining(["User likes green tea", "User likes black coffee"]));
      expect(stores.server!.pid).not.toBe(pid);
      expect(warnings.join("\n")).toMatch(/embedded Chroma at .* chroma was killed by SIGKILL; restarting it/);
    } finally {
      await stores.close();
    }
  }, 90_000);

  it("is killed and restarted when stopped (SIGSTOP, never continued): requests time out only until then, rows in the outbox are sent", async () => {
    const { stores, warnings } = await embedded();
    try {
      await stores.memory.write("u1", [fact("User likes green tea")]);
      await stores.memory.flushWrites();
      await stores.memory.write("u1", [fact("User likes oolong tea")]);
      const pid = stores.server!.pid!;
      process.kill(pid, "SIGSTOP");

      const add = await until(
        () => stores.memory.write("u1", [fact("User likes black coffee")]).then(() => stores.memory.flushWrites()),
        25_000,
      );
      expect(add.errors.length).toBeGreaterThan(0);
      expect(add.ms).toBeLessThan(20_000);
      for (const error of add.errors) expect(error).toBeInstanceOf(StorageTimeoutError);
      const found = await contents(stores, "what does the user drink");
      expect(found).toEqual(expect.arrayContaining(["User likes green tea", "User likes oolong tea", "User likes black coffee"]));
      expect(stores.ledger.outbox?.count()).toBe(0);
      expect(alive(pid)).toBe(false);
      expect(warnings.join("\n")).toMatch(/did not answer 2 requests in a row nor its heartbeat; restarting it/);
    } finally {
      await stores.close();
    }
  }, 90_000);

  it("that cannot be restarted is reported on each request with a named error saying what to do, not a timeout", async () => {
    const { stores, dataDir } = await embedded();
    try {
      await stores.memory.write("u1", [fact("User likes green tea")]);
      await stores.memory.flushWrites();
      process.kill(stores.server!.pid!, "SIGSTOP");
      writeFileSync(join(dataDir, "chroma", "chroma.sqlite3"), randomBytes(20_000));

      const first = await until(async () => {
        try {
          return await contents(stores, "tea");
        } catch (error) {
          if (error instanceof ChromaUnavailableError) return error;
          throw error;
        }
      }, 30_000);
      const error = first.value as ChromaUnavailableError;
      expect(error).toBeInstanceOf(ChromaUnavailableError);
      expect(error.message).toMatch(/did not answer 2 requests in a row nor its heartbeat, and could not be restarted/);
      expect(error.message).toContain("file is not a database");
      expect(error.message).toMatch(/close and reopen memoria/);
      const started = Date.now();
      await expect(contents(stores, "tea")).rejects.toBeInstanceOf(ChromaUnavailableError);
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await stores.close();
    }
  }, 90_000);
});
