import type { Collection } from "../records/chroma/chroma-types.js";
import { silentLogger, type Logger } from "../../config/logger.js";
import type { Embedder } from "../../providers/embedder.js";
import { AccessBatcher, type AccessCount } from "./access-batcher.js";
import { chunked, deleteWhere } from "../records/chroma/batches.js";
import { chromaCall, userWhere } from "../records/chroma/collections.js";
import { entityToMetadata, metadataToEntity } from "../records/chroma/entity-metadata.js";
import { closestEntities, EntityCache, type CachedEntity, type EntityCacheOptions } from "./entity-cache.js";
import { normalizeText, stableId } from "../content-hash.js";
import { fullerName, mentions, mergeEntity, orderRelevant, renderEntity, resolvePartialName } from "../entity-merge.js";
import type { EntityMemory } from "../interfaces.js";
import { KeyedLock } from "../keyed-lock.js";
import { sanitizeEntityUpdate } from "../sanitize-output.js";
import type { EntityRecord, EntityUpdate } from "../types.js";

/** Tuning of the Chroma-backed entity memory. */
export interface ChromaEntityStoreOptions {
  /** Cosine similarity an entity needs to count as relevant without being named (default 0.3). */
  minSimilarity?: number;
  clock?: () => Date;
  logger?: Logger;
  /** Bounds and freshness of the in-process cache the reads are served from. */
  cache?: EntityCacheOptions;
  /** Delay before batched access counts are written (default DEFAULTS.accessFlushMs). */
  accessFlushMs?: number;
}

const byName = (a: EntityRecord, b: EntityRecord) => a.name.localeCompare(b.name);
const copy = (e: EntityRecord): EntityRecord => ({ ...e, attributes: { ...e.attributes } });
const withVectors = (records: EntityRecord[], vectors: number[][]): CachedEntity[] =>
  records.map((record, i) => ({ record, vector: Float32Array.from(vectors[i]!) }));

/**
 * Entity memory in one Chroma collection: one row per user and entity name, merged on update. Reads come from an in-process
 * cache patched by every write; access counts are batched and written off the turn.
 */
export class ChromaEntityStore implements EntityMemory {
  private readonly lock = new KeyedLock();
  private readonly cache: EntityCache;
  private readonly access: AccessBatcher;

  constructor(
    private readonly collection: Collection,
    private readonly embedder: Embedder,
    private readonly options: ChromaEntityStoreOptions = {},
  ) {
    this.cache = new EntityCache((userId) => this.load(userId), options.cache);
    this.access = new AccessBatcher((userId, accesses) => this.applyAccess(userId, accesses), {
      flushMs: options.accessFlushMs,
      logger: options.logger,
      what: "entities",
    });
  }

  private now(now?: string): string {
    return now ?? (this.options.clock?.() ?? new Date()).toISOString();
  }

  async relevant(userId: string, text: string, limit: number): Promise<EntityRecord[]> {
    if (limit <= 0 || !text.trim()) return [];
    const cached = await this.cache.get(userId);
    if (cached.size === 0) return [];
    const named = [...cached.values()]
      .map((e) => e.record)
      .filter((e) => mentions(text, e.name))
      .sort(byName);
    if (named.length >= limit) return orderRelevant(named, [], limit).map(copy);
    const [vector] = await this.embedder.embedDocuments([text]);
    const close = closestEntities(vector!, cached.values(), limit, this.options.minSimilarity ?? 0.3);
    return orderRelevant(named, close, limit).map(copy);
  }

  merge(userId: string, updates: EntityUpdate[], now?: string): Promise<EntityRecord[]> {
    return this.lock.run(userId, async () => {
      const at = this.now(now);
      const merged = new Map<string, EntityRecord>();
      let known: EntityRecord[] | undefined;
      for (const raw of updates) {
        const update = sanitizeEntityUpdate(raw, this.options.logger ?? silentLogger);
        if (!update || !normalizeText(update.name)) continue;
        let id = stableId(userId, normalizeText(update.name));
        let existing = merged.get(id) ?? (await this.get(userId, id));
        if (!existing) {
          known ??= await this.list(userId);
          existing = resolvePartialName(update, [...merged.values(), ...known.filter((e) => !merged.has(e.id))]);
          if (existing) id = existing.id;
        }
        const record = mergeEntity(existing, update, { id, userId, now: at });
        merged.set(id, existing ? { ...record, name: fullerName(existing.name, update.name) } : record);
      }
      const records = [...merged.values()];
      if (records.length === 0) return [];
      await this.upsert(userId, records);
      return records;
    });
  }

  private async upsert(userId: string, records: EntityRecord[]): Promise<void> {
    try {
      const vectors = await this.embedder.embedDocuments(records.map(renderEntity));
      await chromaCall("upsert", () =>
        this.collection.upsert({
          ids: records.map((r) => r.id),
          embeddings: vectors,
          documents: records.map(renderEntity),
          metadatas: records.map(entityToMetadata),
        }),
      );
      this.cache.upsert(userId, withVectors(records, vectors));
    } catch (error) {
      this.cache.drop(userId);
      throw error;
    }
  }

  private async get(userId: string, id: string): Promise<EntityRecord | undefined> {
    const rows = await chromaCall("get", () => this.collection.get({ ids: [id], where: userWhere(userId), include: ["metadatas"] }));
    return rows.ids[0] ? metadataToEntity(rows.ids[0], rows.metadatas[0]) : undefined;
  }

  private async load(userId: string): Promise<CachedEntity[]> {
    const rows = await chromaCall("get", () => this.collection.get({ where: userWhere(userId), include: ["metadatas", "embeddings"] }));
    return withVectors(
      rows.ids.map((id, i) => metadataToEntity(id, rows.metadatas[i])),
      rows.embeddings,
    );
  }

  /** Queues one use of each entity; the counts are written in a batch shortly after (the promise settles then). */
  recordAccess(userId: string, ids: string[], now?: string): Promise<void> {
    return this.access.record(userId, ids, this.now(now));
  }

  private applyAccess(userId: string, accesses: ReadonlyMap<string, AccessCount>): Promise<void> {
    return this.lock.run(userId, async () => {
      const ids = [...accesses.keys()];
      const rows = await chromaCall("get", () => this.collection.get({ ids, where: userWhere(userId), include: ["metadatas"] }));
      const records = rows.ids.map((id, i) => {
        const e = metadataToEntity(id, rows.metadatas[i]);
        const use = accesses.get(id)!;
        return { ...e, accessCount: e.accessCount + use.times, lastAccessedAt: use.at };
      });
      if (records.length === 0) return;
      await chromaCall("update", () => this.collection.update({ ids: records.map((r) => r.id), metadatas: records.map(entityToMetadata) }));
      this.cache.patch(userId, records);
    });
  }

  /** Writes the queued access counts now. */
  flushAccess(): Promise<void> {
    return this.access.flush();
  }

  /** Users whose entities are cached in this process, least recently read first. */
  cachedUsers(): string[] {
    return this.cache.users();
  }

  async list(userId: string): Promise<EntityRecord[]> {
    return [...(await this.cache.get(userId)).values()].map((e) => copy(e.record)).sort(byName);
  }

  /** Stores complete entity records as they are (ids and every field kept), e.g. from an export. */
  importRecords(userId: string, records: EntityRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.lock.run(userId, async () => {
      for (const chunk of chunked(records.map((r) => ({ ...r, userId, id: stableId(userId, normalizeText(r.name)) }))))
        await this.upsert(userId, chunk);
    });
  }

  /** Deletes one of the user's entities by id; returns whether it existed. */
  remove(userId: string, id: string): Promise<boolean> {
    return this.lock.run(userId, async () => {
      if (!(await this.get(userId, id))) return false;
      try {
        await chromaCall("delete", () => this.collection.delete({ ids: [id], where: userWhere(userId) }));
      } catch (error) {
        this.cache.drop(userId);
        throw error;
      }
      this.cache.remove(userId, [id]);
      return true;
    });
  }

  deleteUser(userId: string): Promise<number> {
    return this.lock.run(userId, async () => {
      this.access.drop(userId);
      try {
        return await deleteWhere(this.collection, userWhere(userId));
      } finally {
        this.cache.drop(userId);
      }
    });
  }

  /** Writes the queued access counts; later uses are written at once. */
  close(): Promise<void> {
    return this.access.close();
  }
}
