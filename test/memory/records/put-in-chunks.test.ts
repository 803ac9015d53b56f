import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { StorageError } from "../../../src/config/errors.js";
import { newRecord } from "../../../src/memory/reconcile/reconcile-write.js";
import { openCollection } from "../../../src/memory/records/chroma/collections.js";
import { chromaClient } from "../../../src/memory/records/chroma/connect.js";
import { MemoryRows, type PutOptions } from "../../../src/memory/records/chroma/memory-rows.js";
import { putInChunks } from "../../../src/memory/records/put-in-chunks.js";
import type { MemoryRecord } from "../../../src/memory/types.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";

const AT = "2025-05-01T00:00:00.000Z";
const embedder = new HashEmbeddings();
let rows: MemoryRows;

const records = (userId: string, n: number): MemoryRecord[] =>
  Array.from({ length: n }, (_, i) =>
    newRecord(userId, { content: `batch note ${i}`, type: "fact", category: "other", importance: 0.5 }, {}, AT, `${userId}-${i}`),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Real Chroma rows whose put of the chunk starting at `slowFrom` waits, then stores or fails; counts puts in flight. */
class SlowChunkRows extends MemoryRows {
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly inner: MemoryRows,
    private readonly slowFrom: string,
    private readonly failSlow: boolean,
  ) {
    super(undefined as never, embedder);
  }
  failEmbeddingFrom?: string;
  override embedMany(texts: string[]) {
    if (this.failEmbeddingFrom && texts[0] === this.failEmbeddingFrom) return Promise.reject(new Error("embedder down"));
    return this.inner.embedMany(texts);
  }
  override remove(ids: string[], userId: string) {
    return this.inner.remove(ids, userId);
  }
  override async put(chunk: MemoryRecord[], vectors?: number[][], options?: PutOptions): Promise<void> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      if (chunk[0]!.id === this.slowFrom) {
        await sleep(1_500);
        if (this.failSlow) throw new StorageError("Chroma add failed: injected outage");
      }
      await this.inner.put(chunk, vectors, options);
    } finally {
      this.inFlight--;
    }
  }
}

beforeAll(async () => {
  const collection = await openCollection(chromaClient(inject("chromaUrl")), `fresh_${randomUUID().slice(0, 8)}`, embedder);
  rows = new MemoryRows(collection, embedder);
});

const storedIds = async (ids: string[]) => [...(await rows.existing(ids))].sort();

describe("putInChunks", () => {
  it("sends at most three chunks at once and reports stored chunks in input order, even when a later one lands first", async () => {
    const all = records("fresh-order", 4_200);
    const slow = new SlowChunkRows(rows, "fresh-order-1000", false);
    const reported: string[] = [];
    await putInChunks(slow, all, { fresh: true }, (chunk) => void reported.push(chunk[0]!.id));
    expect(reported).toEqual(["fresh-order-0", "fresh-order-1000", "fresh-order-2000", "fresh-order-3000", "fresh-order-4000"]);
    expect(slow.maxInFlight).toBeGreaterThan(1);
    expect(slow.maxInFlight).toBeLessThanOrEqual(3);
    expect(await storedIds(all.map((r) => r.id))).toHaveLength(4_200);
  });

  it("on a failed chunk keeps only the chunks before it: later chunks that landed are removed, and the error is thrown", async () => {
    const all = records("fresh-fail", 4_000);
    const slow = new SlowChunkRows(rows, "fresh-fail-1000", true);
    const reported: string[] = [];
    await expect(putInChunks(slow, all, { fresh: true }, (chunk) => void reported.push(chunk[0]!.id))).rejects.toThrow("injected outage");
    expect(reported).toEqual(["fresh-fail-0"]);
    expect(slow.maxInFlight).toBe(3);
    expect(await storedIds(all.map((r) => r.id))).toEqual(
      all
        .slice(0, 1_000)
        .map((r) => r.id)
        .sort(),
    );
  });

  it("when embedding fails mid-batch, the chunks already sent land with their history and the error is thrown", async () => {
    const all = records("fresh-embed", 3_500);
    const slow = new SlowChunkRows(rows, "fresh-embed-1000", false);
    slow.failEmbeddingFrom = "batch note 2000";
    const reported: string[] = [];
    await expect(putInChunks(slow, all, { fresh: true }, (chunk) => void reported.push(chunk[0]!.id))).rejects.toThrow("embedder down");
    expect(reported).toEqual(["fresh-embed-0", "fresh-embed-1000"]);
    expect(await storedIds(all.map((r) => r.id))).toEqual(
      all
        .slice(0, 2_000)
        .map((r) => r.id)
        .sort(),
    );
  });
});
