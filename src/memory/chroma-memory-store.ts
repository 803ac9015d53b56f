import { randomUUID } from "node:crypto";
import type { Collection } from "chromadb";
import type { Embedder } from "../providers/embedder.js";
import { chromaCall, userWhere } from "./chroma/collections.js";
import { memoryToMetadata, metadataToMemory } from "./chroma/memory-metadata.js";
import { contentHash } from "./content-hash.js";
import type { LongTermMemory, MemorySearchOptions, MemorySource, WriteOutcome } from "./interfaces.js";
import { KeyedLock } from "./keyed-lock.js";
import { DEFAULT_RANKING, rankScore, type RankingOptions } from "./ranking.js";
import type { MemoryRecord, NewMemory, ScoredMemory } from "./types.js";
import { buildUserProfile } from "./user-profile.js";

/** Tuning for the Chroma-backed long-term memory. */
export interface ChromaMemoryStoreOptions {
  /** Cosine similarity at or above which a new memory counts as already known. */
  duplicateThreshold?: number;
  ranking?: RankingOptions;
  clock?: () => Date;
}

/** Long-term memory of facts, preferences and tasks in one Chroma collection, isolated per user by metadata. */
export class ChromaMemoryStore implements LongTermMemory {
  private readonly lock = new KeyedLock();
  private readonly duplicateThreshold: number;
  private readonly ranking: RankingOptions;
  private readonly clock: () => Date;

  constructor(
    private readonly collection: Collection,
    private readonly embedder: Embedder,
    options: ChromaMemoryStoreOptions = {},
  ) {
    this.duplicateThreshold = options.duplicateThreshold ?? 0.95;
    this.ranking = options.ranking ?? DEFAULT_RANKING;
    this.clock = options.clock ?? (() => new Date());
  }

  async search(query: string, options: MemorySearchOptions): Promise<ScoredMemory[]> {
    const limit = options.limit ?? 6;
    if (!query.trim() || limit <= 0) return [];
    const now = options.now ?? this.clock().toISOString();
    const extra: Record<string, string | boolean> = {};
    if (!options.includeHistorical) extra.current = true;
    if (options.type) extra.type = options.type;
    if (options.category) extra.category = options.category;
    const [vector] = await this.embedder.embedDocuments([query]);
    const res = await chromaCall("query", () =>
      this.collection.query({
        queryEmbeddings: [vector!],
        nResults: Math.max(limit * 4, 20),
        where: userWhere(options.userId, extra),
        include: ["documents", "metadatas", "distances"],
      }),
    );
    const ids = res.ids[0] ?? [];
    const scored = ids.map((id, i) => {
      const record = metadataToMemory(id, res.documents[0]?.[i], res.metadatas[0]?.[i]);
      const similarity = 1 - (res.distances[0]?.[i] ?? 1);
      const lastTouched = record.lastAccessedAt ?? record.updatedAt;
      const score = rankScore({ similarity, importance: record.importance, lastTouched, accessCount: record.accessCount }, now, this.ranking);
      const why = `similarity ${similarity.toFixed(2)}, importance ${record.importance.toFixed(2)}, used ${record.accessCount}x`;
      return { ...record, similarity, score, why };
    });
    return scored
      .filter((m) => m.similarity >= (options.minScore ?? -1))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  write(userId: string, memories: NewMemory[], source: MemorySource = {}, now?: string): Promise<WriteOutcome[]> {
    return this.lock.run(userId, async () => {
      const at = now ?? this.clock().toISOString();
      const outcomes: WriteOutcome[] = [];
      for (const memory of memories) {
        const content = memory.content.trim();
        if (!content) continue;
        outcomes.push(await this.writeOne(userId, { ...memory, content }, source, at));
      }
      return outcomes;
    });
  }

  private async writeOne(userId: string, memory: NewMemory, source: MemorySource, at: string): Promise<WriteOutcome> {
    const exact = await chromaCall("get", () =>
      this.collection.get({ where: userWhere(userId, { contentHash: contentHash(memory.content), current: true }), limit: 1 }),
    );
    if (exact.ids.length > 0) return { action: "NONE", id: exact.ids[0], content: memory.content };
    const [vector] = await this.embedder.embedDocuments([memory.content]);
    const near = await chromaCall("query", () =>
      this.collection.query({ queryEmbeddings: [vector!], nResults: 1, where: userWhere(userId, { current: true }), include: ["distances"] }),
    );
    const nearId = near.ids[0]?.[0];
    const nearDistance = near.distances[0]?.[0];
    if (nearId && nearDistance != null && 1 - nearDistance >= this.duplicateThreshold) {
      return { action: "NONE", id: nearId, content: memory.content };
    }
    const record: MemoryRecord = {
      id: randomUUID(),
      userId,
      content: memory.content,
      type: memory.type,
      category: memory.category,
      importance: memory.importance,
      createdAt: at,
      updatedAt: at,
      lastAccessedAt: null,
      accessCount: 0,
      source,
      eventDate: memory.eventDate ?? null,
      validFrom: at,
      validUntil: null,
    };
    await chromaCall("add", () =>
      this.collection.add({ ids: [record.id], embeddings: [vector!], documents: [record.content], metadatas: [memoryToMetadata(record)] }),
    );
    return { action: "ADD", id: record.id, content: record.content };
  }

  async recordAccess(userId: string, ids: string[], now?: string): Promise<void> {
    if (ids.length === 0) return;
    await this.lock.run(userId, async () => {
      const at = now ?? this.clock().toISOString();
      const rows = await chromaCall("get", () => this.collection.get({ ids, where: userWhere(userId), include: ["documents", "metadatas"] }));
      const updated = rows.ids.map((id, i) => {
        const r = metadataToMemory(id, rows.documents[i], rows.metadatas[i]);
        return memoryToMetadata({ ...r, accessCount: r.accessCount + 1, lastAccessedAt: at });
      });
      if (rows.ids.length) await chromaCall("update", () => this.collection.update({ ids: rows.ids, metadatas: updated }));
    });
  }

  async list(userId: string): Promise<MemoryRecord[]> {
    const rows = await chromaCall("get", () =>
      this.collection.get({ where: userWhere(userId, { current: true }), include: ["documents", "metadatas"] }),
    );
    return rows.ids
      .map((id, i) => metadataToMemory(id, rows.documents[i], rows.metadatas[i]))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async profile(userId: string): Promise<string> {
    return buildUserProfile(await this.list(userId));
  }

  deleteUser(userId: string): Promise<number> {
    return this.lock.run(userId, async () => {
      const res = await chromaCall("delete", () => this.collection.delete({ where: userWhere(userId) }));
      return res.deleted ?? 0;
    });
  }
}
