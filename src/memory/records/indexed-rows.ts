import type { Collection } from "chromadb";
import type { Embedder } from "../../providers/embedder.js";
import { chromaCall } from "./chroma/collections.js";
import { MemoryRows, type NearMemory, type PutOptions } from "./chroma/memory-rows.js";
import { WriteBehind, type WriteBehindOptions } from "./write-behind.js";
import type { WriteOutbox } from "../ledger/write-outbox.js";
import { memoryWhere } from "./chroma/memory-where.js";
import type { MemoryFilter } from "../types.js";
import type { MemoryRecord } from "../types.js";
import { RecordChangeFeed } from "./change-feed.js";

/** What search reads from the stored rows: query embeddings, similarities and nearest neighbours (Chroma, or an in-process stand-in). */
export type SearchRows = Pick<IndexedRows, "embed" | "nearest" | "nearestIds" | "similarities" | "byIds">;

/** The ledger outbox behind write-behind inserts, and its tuning. */
export interface OutboxOptions extends WriteBehindOptions {
  outbox: WriteOutbox;
}

/**
 * Memory rows that publish every committed change on `changes`: every put, patch, remove and removeUser after Chroma accepts it,
 * every enqueue once the ledger's outbox holds it. Every Chroma call first sends the rows still waiting, so reads see all writes.
 */
export class IndexedRows extends MemoryRows {
  /** Committed changes, for the derived index to follow. */
  readonly changes = new RecordChangeFeed();
  private readonly behind?: WriteBehind;
  private readonly model: string;

  constructor(
    private readonly rowsCollection: Collection,
    embedder: Embedder,
    outbox?: OutboxOptions,
  ) {
    super(rowsCollection, embedder);
    this.model = embedder.modelId;
    // Outbox rows are new: a resend after a crash is ignored by Chroma's add, so it cannot undo a later change to the row.
    const send = (records: MemoryRecord[], vectors?: number[][]) => super.put(records, vectors, { fresh: true });
    if (outbox) this.behind = new WriteBehind(outbox.outbox, send, this.model, outbox);
  }

  /**
   * Stores new rows through the outbox when there is one (acknowledged once durable in the ledger, `alongside` run in the same
   * ledger transaction), else like put followed by `alongside`.
   */
  async enqueue(records: MemoryRecord[], alongside?: () => void): Promise<void> {
    if (!this.behind) {
      await this.put(records);
      return alongside?.();
    }
    const vectors = await Promise.all(records.map((r) => this.embed(r.content)));
    await this.behind.enqueue(
      records.map((record, i) => ({ record, vector: vectors[i]!, model: this.model })),
      alongside,
    );
    this.changes.upserted(records, vectors);
  }

  /** Sends every row still waiting in the outbox to Chroma. */
  async drain(): Promise<void> {
    await this.behind?.drain();
  }

  /** Sends what waits and stops accepting rows through the outbox. */
  async close(): Promise<void> {
    await this.behind?.close();
  }

  override async find(filter: MemoryFilter, limit?: number): Promise<MemoryRecord[]> {
    await this.drain();
    return super.find(filter, limit);
  }

  override async findWithVectors(
    filter: MemoryFilter,
    progress?: { add(rows: number): void },
  ): Promise<{ records: MemoryRecord[]; vectors: number[][] }> {
    await this.drain();
    return super.findWithVectors(filter, progress);
  }

  override async changedSince(userId: string, sinceMs: number): Promise<{ records: MemoryRecord[]; vectors: number[][] }> {
    await this.drain();
    return super.changedSince(userId, sinceMs);
  }

  override async existing(ids: string[]): Promise<Set<string>> {
    await this.drain();
    return super.existing(ids);
  }

  override async currentByHash(userId: string, hashes: string[]): Promise<Map<string, string>> {
    await this.drain();
    return super.currentByHash(userId, hashes);
  }

  override async byIds(ids: string[], userId?: string): Promise<MemoryRecord[]> {
    await this.drain();
    return super.byIds(ids, userId);
  }

  override async nearest(vector: number[], filter: MemoryFilter, n: number): Promise<NearMemory[]> {
    await this.drain();
    return super.nearest(vector, filter, n);
  }

  /**
   * Cosine similarity of the given rows to a vector, computed by Chroma (missing ids are left out: Chroma refuses a query naming
   * a missing id, e.g. one another process deleted, so on failure the ids still stored are queried again and the missing ones
   * are published as removed).
   */
  async similarities(vector: number[], ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    await this.drain();
    const query = (among: string[]) =>
      chromaCall("query", () =>
        this.rowsCollection.query({ queryEmbeddings: [vector], ids: among, nResults: among.length, include: ["distances"] }),
      );
    let res: Awaited<ReturnType<typeof query>>;
    try {
      res = await query(ids);
    } catch (error) {
      const stored = (await chromaCall("get", () => this.rowsCollection.get({ ids, include: [] }))).ids;
      if (stored.length === ids.length) throw error;
      const kept = new Set(stored);
      this.changes.removed(ids.filter((id) => !kept.has(id)));
      if (stored.length === 0) return new Map();
      res = await query(stored);
    }
    return new Map((res.ids[0] ?? []).map((id, i) => [id, 1 - (res.distances[0]?.[i] ?? 1)]));
  }

  /** Ids and similarities of the rows nearest to a vector (no documents or metadata: the caller holds the records). */
  async nearestIds(vector: number[], filter: MemoryFilter, n: number): Promise<Array<{ id: string; similarity: number }>> {
    if (n <= 0) return [];
    await this.drain();
    const res = await chromaCall("query", () =>
      this.rowsCollection.query({
        queryEmbeddings: [vector],
        nResults: filter.where || filter.liveAt ? n * 4 : n,
        where: memoryWhere(filter),
        include: ["distances"],
      }),
    );
    return (res.ids[0] ?? []).map((id, i) => ({ id, similarity: 1 - (res.distances[0]?.[i] ?? 1) }));
  }

  override async put(records: MemoryRecord[], vectors?: number[][], options?: PutOptions): Promise<void> {
    if (records.length === 0) return;
    await this.drain();
    const embedded = vectors ?? (await this.embedder.embedDocuments(records.map((r) => r.content)));
    await this.mirrored(records, () => super.put(records, embedded, options), embedded);
  }

  override async patch(records: MemoryRecord[]): Promise<void> {
    await this.drain();
    await this.mirrored(records, () => super.patch(records));
  }

  override async remove(ids: string[], userId: string): Promise<void> {
    const done = await this.changes.deleting(userId);
    try {
      await this.behind?.dropMemories(ids);
      await super.remove(ids, userId);
      this.changes.removed(ids);
    } finally {
      done();
    }
  }

  override async removeUser(userId: string): Promise<number> {
    const done = await this.changes.deleting(userId);
    try {
      const dropped = (await this.behind?.dropUser(userId)) ?? 0;
      return dropped + (await super.removeUser(userId));
    } finally {
      this.changes.invalidated(userId);
      done();
    }
  }

  private async mirrored(records: MemoryRecord[], write: () => Promise<void>, vectors?: number[][]): Promise<void> {
    try {
      await write();
    } catch (error) {
      for (const userId of new Set(records.map((r) => r.userId))) this.changes.invalidated(userId);
      throw error;
    }
    this.changes.upserted(records, vectors);
  }
}
