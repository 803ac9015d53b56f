import type { Collection } from "chromadb";
import type { Embedder } from "../../providers/embedder.js";
import { chromaCall } from "../store/chroma/collections.js";
import { MemoryRows } from "../store/chroma/memory-rows.js";
import { memoryWhere } from "../store/chroma/memory-where.js";
import type { MemoryFilter } from "../types.js";
import type { MemoryRecord } from "../types.js";
import type { LexicalCache } from "./lexical-cache.js";

/** What search reads from the stored rows: query embeddings, similarities and nearest neighbours (Chroma, or an in-process stand-in). */
export type SearchRows = Pick<IndexedRows, "embed" | "nearest" | "nearestIds" | "similarities" | "byIds">;

/** Memory rows that keep the lexical cache in sync: every put, patch, remove and removeUser is mirrored after Chroma accepts it. */
export class IndexedRows extends MemoryRows {
  cache?: LexicalCache;

  constructor(
    private readonly rowsCollection: Collection,
    embedder: Embedder,
  ) {
    super(rowsCollection, embedder);
  }

  /** Cosine similarity of the given rows to a vector, computed by Chroma (missing ids are left out). */
  async similarities(vector: number[], ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const res = await chromaCall("query", () =>
      this.rowsCollection.query({ queryEmbeddings: [vector], ids, nResults: ids.length, include: ["distances"] }),
    );
    return new Map((res.ids[0] ?? []).map((id, i) => [id, 1 - (res.distances[0]?.[i] ?? 1)]));
  }

  /** Ids and similarities of the rows nearest to a vector (no documents or metadata: the caller holds the records). */
  async nearestIds(vector: number[], filter: MemoryFilter, n: number): Promise<Array<{ id: string; similarity: number }>> {
    if (n <= 0) return [];
    const res = await chromaCall("query", () =>
      this.rowsCollection.query({ queryEmbeddings: [vector], nResults: n, where: memoryWhere(filter), include: ["distances"] }),
    );
    return (res.ids[0] ?? []).map((id, i) => ({ id, similarity: 1 - (res.distances[0]?.[i] ?? 1) }));
  }

  override async put(records: MemoryRecord[], vectors?: number[][]): Promise<void> {
    if (records.length === 0) return;
    const embedded = vectors ?? (await this.embedder.embedDocuments(records.map((r) => r.content)));
    await this.mirrored(records, () => super.put(records, embedded), embedded);
  }

  override async patch(records: MemoryRecord[]): Promise<void> {
    await this.mirrored(records, () => super.patch(records));
  }

  override async remove(ids: string[]): Promise<void> {
    await super.remove(ids);
    this.cache?.remove(ids);
  }

  override async removeUser(userId: string): Promise<number> {
    try {
      return await super.removeUser(userId);
    } finally {
      this.cache?.drop(userId);
    }
  }

  private async mirrored(records: MemoryRecord[], write: () => Promise<void>, vectors?: number[][]): Promise<void> {
    try {
      await write();
    } catch (error) {
      for (const userId of new Set(records.map((r) => r.userId))) this.cache?.drop(userId);
      throw error;
    }
    this.cache?.upsert(records, vectors);
  }
}
