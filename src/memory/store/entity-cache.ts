import { DEFAULTS } from "../defaults.js";
import type { EntityRecord } from "../types.js";
import { cosine } from "../cosine.js";

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

interface Entry {
  entities?: Map<string, CachedEntity>;
  loading?: Promise<UserEntities>;
  /** When the load behind the entities started (clock ms). */
  loadedAt: number;
  /** Writes patched in since the entry was created: a reload that raced one is discarded. */
  writes: number;
  refreshing?: boolean;
}

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
  private readonly entries = new Map<string, Entry>();
  private readonly maxBytes: number;
  private readonly maxAgeMs: number;
  private readonly maxStaleMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly load: (userId: string) => Promise<CachedEntity[]>,
    options: EntityCacheOptions = {},
  ) {
    this.maxBytes = Math.max(1, options.maxBytes ?? DEFAULTS.entityCache.maxBytes);
    this.maxAgeMs = Math.max(0, options.maxAgeMs ?? DEFAULTS.entityCache.maxAgeMs);
    this.maxStaleMs = Math.max(this.maxAgeMs, options.maxStaleMs ?? this.maxAgeMs * 10);
    this.clock = options.clock ?? Date.now;
  }

  /** The user's entities, loading them on first use or when older than maxStaleMs; a write during the load keeps the result out of the cache. */
  async get(userId: string): Promise<UserEntities> {
    const entry = this.entries.get(userId);
    if (entry?.entities && this.clock() - entry.loadedAt >= this.maxStaleMs) this.entries.delete(userId);
    else if (entry) {
      this.entries.delete(userId);
      this.entries.set(userId, entry);
      if (entry.entities) {
        this.refreshIfOld(userId, entry);
        return entry.entities;
      }
      return entry.loading!;
    }
    const fresh: Entry = { loadedAt: this.clock(), writes: 0 };
    fresh.loading = this.load(userId).then(
      (loaded) => {
        const entities = new Map(loaded.map((e) => [e.record.id, e]));
        if (this.entries.get(userId) === fresh) {
          fresh.entities = entities;
          fresh.loading = undefined;
          this.evict(userId);
        }
        return entities;
      },
      (error: unknown) => {
        if (this.entries.get(userId) === fresh) this.entries.delete(userId);
        throw error;
      },
    );
    this.entries.set(userId, fresh);
    return fresh.loading;
  }

  /** Users currently cached (loaded or loading), least recently used first. */
  users(): string[] {
    return [...this.entries.keys()];
  }

  /** Entities written with their vectors: patched into the user's loaded entities; an in-flight load is dropped. */
  upsert(userId: string, written: CachedEntity[]): void {
    const entities = this.loaded(userId);
    if (!entities) return;
    for (const e of written) if (e.record.userId === userId) entities.set(e.record.id, e);
    this.evict(userId);
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
    this.entries.delete(userId);
  }

  /** The loaded map about to be written to, counting the write; an entry still loading is dropped so its result is not kept. */
  private loaded(userId: string): Map<string, CachedEntity> | undefined {
    const entry = this.entries.get(userId);
    if (!entry?.entities) {
      this.entries.delete(userId);
      return undefined;
    }
    entry.writes++;
    return entry.entities;
  }

  private refreshIfOld(userId: string, entry: Entry): void {
    if (entry.refreshing || this.clock() - entry.loadedAt < this.maxAgeMs) return;
    entry.refreshing = true;
    const started = this.clock();
    const writes = entry.writes;
    this.load(userId).then(
      (loaded) => {
        entry.refreshing = false;
        if (this.entries.get(userId) !== entry || entry.writes !== writes) return;
        entry.entities = new Map(loaded.map((e) => [e.record.id, e]));
        entry.loadedAt = started;
        this.evict(userId);
      },
      () => {
        entry.refreshing = false;
      },
    );
  }

  private evict(keep: string): void {
    const bytes = (entities?: Map<string, CachedEntity>) => [...(entities?.values() ?? [])].reduce((sum, e) => sum + entityBytes(e), 0);
    let total = 0;
    for (const e of this.entries.values()) total += bytes(e.entities);
    for (const [userId, entry] of this.entries) {
      if (total <= this.maxBytes) break;
      const own = bytes(entry.entities);
      if (!entry.entities || (userId === keep && own <= this.maxBytes)) continue;
      total -= own;
      this.entries.delete(userId);
    }
  }
}
