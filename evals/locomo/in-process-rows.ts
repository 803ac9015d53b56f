import type { MemoryFilter } from "../../src/memory/types.js";
import type { NearMemory } from "../../src/memory/records/chroma/memory-rows.js";
import type { SearchRows } from "../../src/memory/records/indexed-rows.js";
import { matchesFilter } from "../../src/memory/filters/match-filter.js";
import type { MemoryRecord } from "../../src/memory/types.js";
import type { Embedder } from "../../src/providers/embedder.js";
import { cosine } from "../../src/memory/cosine.js";

/** Memory rows held in process with exact cosine search: a stand-in for Chroma that lets parameter sweeps run the product's search code in seconds. */
export class InProcessRows implements SearchRows {
  private readonly rows = new Map<string, { record: MemoryRecord; vector: number[] }>();

  constructor(private readonly embedder: Embedder) {}

  /** Stores records, embedding their content. */
  async add(records: MemoryRecord[]): Promise<void> {
    const vectors = await this.embedder.embedDocuments(records.map((r) => r.content));
    records.forEach((record, i) => this.rows.set(record.id, { record, vector: vectors[i]! }));
  }

  /** Every stored record of a user. */
  all(userId: string): MemoryRecord[] {
    return [...this.rows.values()].map((r) => r.record).filter((r) => r.userId === userId);
  }

  /** Embeds one text as a document vector, as the Chroma rows do. */
  async embed(text: string): Promise<number[]> {
    const [vector] = await this.embedder.embedDocuments([text]);
    return vector!;
  }

  /** Cosine similarity of the given rows to a vector, most similar first (missing ids left out). */
  async similarities(vector: number[], ids: string[]): Promise<Map<string, number>> {
    const scored = ids.flatMap((id) => {
      const row = this.rows.get(id);
      return row ? [[id, cosine(vector, row.vector)] as [string, number]] : [];
    });
    return new Map(scored.sort((a, b) => b[1] - a[1]));
  }

  /** The rows nearest to a vector among those matching a filter, closest first. */
  async nearest(vector: number[], filter: MemoryFilter, n: number): Promise<NearMemory[]> {
    const near = [...this.rows.values()]
      .filter((r) => matchesFilter(r.record, filter))
      .map((r) => ({ record: r.record, similarity: cosine(vector, r.vector) }));
    return near.sort((a, b) => b.similarity - a.similarity).slice(0, Math.max(0, n));
  }

  /** Ids and similarities of the rows nearest to a vector. */
  async nearestIds(vector: number[], filter: MemoryFilter, n: number): Promise<Array<{ id: string; similarity: number }>> {
    return (await this.nearest(vector, filter, n)).map((r) => ({ id: r.record.id, similarity: r.similarity }));
  }

  /** Rows by id, optionally restricted to one user. */
  async byIds(ids: string[], userId?: string): Promise<MemoryRecord[]> {
    return ids.flatMap((id) => {
      const row = this.rows.get(id);
      return row && (userId === undefined || row.record.userId === userId) ? [row.record] : [];
    });
  }
}
