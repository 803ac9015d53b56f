import { DEFAULTS } from "../defaults.js";
import type { EntityRecord } from "../types.js";
import { cosine } from "../cosine.js";
import { UserCache } from "../user-cache.js";

/** An entity with its stored vector, as the cache holds it. */
export interface CachedEntity {
  record: EntityRecord;
  vector: Float32Array;
}

/** Estimated bytes one cached entity holds (record object and attributes, plus its float32 vector). */
export function entityBytes(entity: CachedEntity): number {
  return 1_500 + entity.vector.length * 4;
}

/** The records of the `limit` entities closest to a vector with at least `minSimilarity`, closest first. */
export function closestEntities(
  vector: ArrayLike<number>,
  entities: Iterable<CachedEntity>,
  limit: number,
  minSimilarity: number,
): EntityRecord[] {
  return [...entities]
    .map((e) => ({ record: e.record, similarity: cosine(vector, e.vector) }))
    .filter((e) => e.similarity >= minSimilarity)
    .sort((a, b) => b.similarity - a.similarity || a.record.id.localeCompare(b.record.id))
    .slice(0, limit)
    .map((e) => e.record);
}

/** One user's entities by id. */
export type UserEntities = ReadonlyMap<string, CachedEntity>;

/** Bounds and freshness of the in-process entity cache. */
export interface EntityCacheOptions {
  /** Estimated bytes the cached users' entities may hold together, least recently used evicted first; a user over it alone is read from the store every time. */
  maxBytes?: number;
  /** Age after which a read reloads the user's entities in the background, so other processes' writes show up (Infinity never reloads). */
  maxAgeMs?: number;
  /** Age after which a read waits for the reload instead of serving what is cached (default 10 × maxAgeMs). */
  maxStaleMs?: number;
  /** Milliseconds clock for the age check (default Date.now). */
  clock?: () => number;
}

/** Per-user entity records and vectors, loaded lazily from the store and patched on every write of this process; an LRU over users within a byte budget bounds memory. */
export class EntityCache {
  private readonly cache: UserCache<Map<string, CachedEntity>>;

  constructor(load: (userId: string) => Promise<CachedEntity[]>, options: EntityCacheOptions = {}) {
    const maxAgeMs = Math.max(0, options.maxAgeMs ?? DEFAULTS.entityCache.maxAgeMs);
    const byId = (loaded: CachedEntity[]) => new Map(loaded.map((e) => [e.record.id, e]));
    this.cache = new UserCache<Map<string, CachedEntity>>(
      {
        maxBytes: Math.max(1, options.maxBytes ?? DEFAULTS.entityCache.maxBytes),
        maxAgeMs,
        maxStaleMs: Math.max(maxAgeMs, options.maxStaleMs ?? maxAgeMs * 10),
        keepOversized: false,
        clock: options.clock ?? Date.now,
      },
      {
        create: (now) => ({ loadedAt: now, writes: 0 }),
        load: async (userId) => byId(await load(userId)),
        refresh: async (userId, entry, current) => {
          const loaded = await load(userId);
          if (current()) entry.value = byId(loaded);
        },
        bytes: (entities) => [...entities.values()].reduce((sum, e) => sum + entityBytes(e), 0),
      },
    );
  }

  /** The user's entities, loading them on first use or when older than maxStaleMs; a write during the load keeps the result out of the cache. */
  get(userId: string): Promise<UserEntities> {
    return this.cache.get(userId);
  }

  /** Users currently cached (loaded or loading), least recently used first. */
  users(): string[] {
    return this.cache.users();
  }

  /** Entities written with their vectors: patched into the user's loaded entities; an in-flight load is dropped. */
  upsert(userId: string, written: CachedEntity[]): void {
    const entities = this.loaded(userId);
    if (!entities) return;
    for (const e of written) if (e.record.userId === userId) entities.set(e.record.id, e);
    this.cache.evict(userId);
  }

  /** Entities whose metadata changed (not their text): records replaced, vectors kept. */
  patch(userId: string, records: EntityRecord[]): void {
    const entities = this.loaded(userId);
    for (const record of records) {
      const cached = entities?.get(record.id);
      if (cached && record.userId === userId) entities!.set(record.id, { record, vector: cached.vector });
    }
  }

  /** Entities deleted by id. */
  remove(userId: string, ids: string[]): void {
    const entities = this.loaded(userId);
    for (const id of ids) entities?.delete(id);
  }

  /** Forgets a user entirely (after deleteUser or a failed write). */
  drop(userId: string): void {
    this.cache.drop(userId);
  }

  /** The loaded map about to be written to, counting the write; an entry still loading is dropped so its result is not kept. */
  private loaded(userId: string): Map<string, CachedEntity> | undefined {
    const entry = this.cache.entry(userId);
    if (!entry?.value) {
      this.cache.drop(userId);
      return undefined;
    }
    entry.writes++;
    return entry.value;
  }
}
