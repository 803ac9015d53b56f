import type { Collection, Where } from "chromadb";
import type { Embedder } from "../../../providers/embedder.js";
import type { MemoryRecord } from "../../types.js";
import { CHROMA_BATCH, chunked, deleteWhere } from "./batches.js";
import { chromaCall } from "./collections.js";
import { memoryToMetadata, metadataToMemory } from "./memory-metadata.js";
import { memoryWhere, type MemoryFilter } from "./memory-where.js";
import { filterPredicate } from "../../filters/match-filter.js";

const HASH_CHUNK = 500;
/** With a filter Chroma's where cannot do exactly, a nearest-neighbour query asks for this many times more rows, then filters. */
const OVERFETCH = 4;
/** Metadata of a row as written now: `rev` is the write time in ms, which lets other processes fetch only what changed. */
const stamped = (m: MemoryRecord) => ({ ...memoryToMetadata(m), rev: Date.now() });
const LOAD_PAGE = 5_000;
/** Chroma 1.0.5 cannot return embeddings before a collection's vector segment first reaches disk; the rows are read without them. */
const UNFLUSHED_VECTORS = "Nothing found on disk";

/** How put writes: `fresh` rows have ids never stored, so Chroma adds them with no document and no check for a row to overwrite. */
export interface PutOptions {
  fresh?: boolean;
}

/** A stored memory with its cosine similarity to a query vector. */
export interface NearMemory {
  record: MemoryRecord;
  similarity: number;
}

/** Row-level access to the memories collection: every read and write of memory rows goes through here. */
export class MemoryRows {
  constructor(
    private readonly collection: Collection,
    protected readonly embedder: Embedder,
    private readonly page = LOAD_PAGE,
  ) {}

  /** Embeds one text as a document vector. */
  async embed(text: string): Promise<number[]> {
    const [vector] = await this.embedder.embedDocuments([text]);
    return vector!;
  }

  /** Embeds texts as document vectors in one pass. */
  embedMany(texts: string[]): Promise<number[][]> {
    return this.embedder.embedDocuments(texts);
  }

  /** Rows matching a filter (at most `limit`), unordered; read in pages, so a user with many rows does not hit the request timeout. */
  async find(filter: MemoryFilter, limit = Infinity): Promise<MemoryRecord[]> {
    const where = memoryWhere(filter);
    const keep = filter.where || filter.liveAt ? filterPredicate(filter) : undefined;
    const found = new Map<string, MemoryRecord>();
    for (let offset = 0; found.size < limit; offset += this.page) {
      const want = keep ? this.page : Math.min(this.page, limit - found.size);
      const rows = await chromaCall("get", () => this.collection.get({ where, limit: want, offset, include: ["documents", "metadatas"] }));
      rows.ids.forEach((id, i) => {
        const record = metadataToMemory(id, rows.documents[i], rows.metadatas[i]);
        if (found.size < limit && (!keep || keep(record))) found.set(id, record);
      });
      if (rows.ids.length < want) break;
    }
    return [...found.values()];
  }

  /** Rows matching a filter with their stored vectors, read in pages (the load of a user's search index). */
  findWithVectors(filter: MemoryFilter, progress?: { add(rows: number): void }): Promise<{ records: MemoryRecord[]; vectors: number[][] }> {
    return this.pagedWithVectors(memoryWhere(filter), progress);
  }

  /** The user's rows written at or after `sinceMs` (by their `rev`), with their vectors. */
  changedSince(userId: string, sinceMs: number): Promise<{ records: MemoryRecord[]; vectors: number[][] }> {
    return this.pagedWithVectors({ $and: [memoryWhere({ userId }), { rev: { $gte: sinceMs } }] } as Where);
  }

  /** Which of the given ids still exist. */
  async existing(ids: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const chunk of chunked(ids)) {
      const rows = await chromaCall("get", () => this.collection.get({ ids: chunk, include: [] }));
      for (const id of rows.ids) out.add(id);
    }
    return out;
  }

  private async pagedWithVectors(
    where: Where,
    progress?: { add(rows: number): void },
  ): Promise<{ records: MemoryRecord[]; vectors: number[][] }> {
    const page = this.page;
    const records: MemoryRecord[] = [];
    const vectors: number[][] = [];
    for (let offset = 0; ; offset += page) {
      const read = (include: Array<"documents" | "metadatas" | "embeddings">) =>
        chromaCall("get", () => this.collection.get({ where, limit: page, offset, include }));
      const rows = await read(["documents", "metadatas", "embeddings"]).catch((error: unknown) => {
        if (!String((error as Error).message).includes(UNFLUSHED_VECTORS)) throw error;
        return read(["documents", "metadatas"]);
      });
      rows.ids.forEach((id, i) => {
        records.push(metadataToMemory(id, rows.documents[i], rows.metadatas[i]));
        const vector = rows.embeddings?.[i];
        if (vector) vectors[records.length - 1] = Array.from(vector);
      });
      progress?.add(rows.ids.length);
      if (rows.ids.length < page) return { records, vectors };
    }
  }

  /** Ids of the user's current rows by content hash, for the given hashes (looked up in chunks). */
  async currentByHash(userId: string, hashes: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < hashes.length; i += HASH_CHUNK) {
      const chunk = hashes.slice(i, i + HASH_CHUNK);
      const where = { $and: [memoryWhere({ userId, current: true }), { contentHash: { $in: chunk } }] } as Where;
      const rows = await chromaCall("get", () => this.collection.get({ where, include: ["metadatas"] }));
      rows.ids.forEach((id, j) => {
        const hash = rows.metadatas[j]?.contentHash;
        if (typeof hash === "string" && !found.has(hash)) found.set(hash, id);
      });
    }
    return found;
  }

  /** Rows by id, optionally restricted to one user; missing ids are left out (large sets are read in chunks). */
  async byIds(ids: string[], userId?: string): Promise<MemoryRecord[]> {
    const out: MemoryRecord[] = [];
    for (const chunk of chunked(ids)) {
      const rows = await chromaCall("get", () =>
        this.collection.get({
          ids: chunk,
          where: userId === undefined ? undefined : memoryWhere({ userId }),
          include: ["documents", "metadatas"],
        }),
      );
      out.push(...rows.ids.map((id, i) => metadataToMemory(id, rows.documents[i], rows.metadatas[i])));
    }
    return out;
  }

  /** The rows nearest to a vector among those matching a filter, closest first. */
  async nearest(vector: number[], filter: MemoryFilter, n: number): Promise<NearMemory[]> {
    if (n <= 0) return [];
    const keep = filter.where || filter.liveAt ? filterPredicate(filter) : undefined;
    const res = await chromaCall("query", () =>
      this.collection.query({
        queryEmbeddings: [vector],
        nResults: keep ? n * OVERFETCH : n,
        where: memoryWhere(filter),
        include: ["documents", "metadatas", "distances"],
      }),
    );
    const near = (res.ids[0] ?? []).map((id, i) => ({
      record: metadataToMemory(id, res.documents[0]?.[i], res.metadatas[0]?.[i]),
      similarity: 1 - (res.distances[0]?.[i] ?? 1),
    }));
    return keep ? near.filter((m) => keep(m.record)).slice(0, n) : near;
  }

  /**
   * Adds (or overwrites) full rows, embedding their content unless vectors are given; large sets go in chunks under Chroma's
   * batch limit. The text travels in the packed metadata. An overwrite sends an empty document, which blanks the text an older
   * row kept there; fresh rows send none, which spares Chroma its full-text index (about 15% of its CPU per row here).
   */
  async put(records: MemoryRecord[], vectors?: number[][], options: PutOptions = {}): Promise<void> {
    const op = options.fresh ? "add" : "upsert";
    for (let start = 0; start < records.length; start += CHROMA_BATCH) {
      const chunk = records.slice(start, start + CHROMA_BATCH);
      const embeddings = vectors?.slice(start, start + CHROMA_BATCH) ?? (await this.embedder.embedDocuments(chunk.map((r) => r.content)));
      await chromaCall(op, () =>
        this.collection[op]({
          ids: chunk.map((r) => r.id),
          embeddings,
          ...(options.fresh ? {} : { documents: chunk.map(() => "") }),
          metadatas: chunk.map(stamped),
        }),
      );
    }
  }

  /** Rewrites the metadata of rows whose content did not change. */
  async patch(records: MemoryRecord[]): Promise<void> {
    if (records.length === 0) return;
    await chromaCall("update", () => this.collection.update({ ids: records.map((r) => r.id), metadatas: records.map(stamped) }));
  }

  /** Deletes the user's rows with these ids (in chunks); ids of other users' rows are left alone. */
  async remove(ids: string[], userId: string): Promise<void> {
    const where = memoryWhere({ userId });
    for (const chunk of chunked(ids)) await chromaCall("delete", () => this.collection.delete({ ids: chunk, where }));
  }

  /** Every user with at least one row, read in pages of metadata. */
  async userIds(): Promise<string[]> {
    const users = new Set<string>();
    for (let offset = 0; ; offset += this.page) {
      const rows = await chromaCall("get", () => this.collection.get({ limit: this.page, offset, include: ["metadatas"] }));
      for (const md of rows.metadatas) if (typeof md?.userId === "string") users.add(md.userId);
      if (rows.ids.length < this.page) return [...users];
    }
  }

  /** Deletes every row of a user; returns how many were removed. */
  async removeUser(userId: string): Promise<number> {
    return deleteWhere(this.collection, memoryWhere({ userId }));
  }
}
