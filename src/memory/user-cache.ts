/** One user's slot in a UserCache: the value once loaded, the load in flight, and what the freshness rules need. */
export interface UserCacheEntry<V> {
  value?: V;
  loading?: Promise<V>;
  /** When the load behind the value started (clock ms). */
  loadedAt: number;
  /** Writes patched in since the entry was created: a reload that raced one is discarded. */
  writes: number;
  refreshing?: boolean;
}

/** How a UserCache loads, refreshes and weighs one user's value. */
export interface UserCacheHooks<V, E extends UserCacheEntry<V>> {
  /** A new entry (with the caller's own fields) for a load started at `now`. */
  create(now: number): E;
  /** Loads the user's value; the entry may have been dropped by the time it settles. */
  load(userId: string, entry: E): Promise<V>;
  /** Called once a load became the entry's value, before eviction. */
  loaded?(userId: string, entry: E, value: V): void;
  /** Reloads an old value in the background, applying what it read only while `current()` holds. */
  refresh(userId: string, entry: E, current: () => boolean): Promise<void>;
  /** Estimated bytes a value holds. */
  bytes(value: V): number;
}

/** Bounds and freshness of a UserCache. */
export interface UserCacheLimits {
  /** Estimated bytes all values may hold together; least recently used users are evicted first. */
  maxBytes: number;
  /** Age after which a read refreshes the value in the background (Infinity: never). */
  maxAgeMs: number;
  /** Age after which a read drops the value and waits for a new load (default Infinity). */
  maxStaleMs?: number;
  /** Whether the user just used stays cached even when it alone is over maxBytes. */
  keepOversized: boolean;
  clock: () => number;
}

/** Per-user values loaded lazily, refreshed in the background once old, in an LRU over users within a byte budget. */
export class UserCache<V, E extends UserCacheEntry<V> = UserCacheEntry<V>> {
  private readonly map = new Map<string, E>();

  constructor(
    private readonly limits: UserCacheLimits,
    private readonly hooks: UserCacheHooks<V, E>,
  ) {}

  /** The user's value, loading it on first use (or once older than maxStaleMs); a failed load leaves no entry behind. */
  async get(userId: string): Promise<V> {
    const entry = this.map.get(userId);
    const stale = (this.limits.maxStaleMs ?? Infinity) <= this.limits.clock() - (entry?.loadedAt ?? 0);
    if (entry?.value !== undefined && stale) this.map.delete(userId);
    else if (entry) {
      this.map.delete(userId);
      this.map.set(userId, entry);
      if (entry.value !== undefined) {
        this.refreshIfOld(userId, entry);
        return entry.value;
      }
      return entry.loading!;
    }
    const fresh = this.hooks.create(this.limits.clock());
    fresh.loading = this.hooks.load(userId, fresh).then(
      (value) => {
        if (this.map.get(userId) === fresh) {
          fresh.value = value;
          fresh.loading = undefined;
          this.hooks.loaded?.(userId, fresh, value);
          this.evict(userId);
        }
        return value;
      },
      (error: unknown) => {
        if (this.map.get(userId) === fresh) this.map.delete(userId);
        throw error;
      },
    );
    this.map.set(userId, fresh);
    return fresh.loading;
  }

  /** The user's entry (loaded or loading), without loading it or changing its recency. */
  entry(userId: string): E | undefined {
    return this.map.get(userId);
  }

  /** Every entry, least recently used first. */
  entries(): IterableIterator<[string, E]> {
    return this.map.entries();
  }

  /** Users currently cached (loaded or loading), least recently used first. */
  users(): string[] {
    return [...this.map.keys()];
  }

  /** Estimated bytes held by the loaded values. */
  bytes(): number {
    let total = 0;
    for (const e of this.map.values()) total += e.value === undefined ? 0 : this.hooks.bytes(e.value);
    return total;
  }

  /** Forgets a user entirely. */
  drop(userId: string): void {
    this.map.delete(userId);
  }

  /** Evicts least recently used values until the budget holds, keeping `keep` (unless it alone is over and keepOversized is off). */
  evict(keep: string): void {
    let total = this.bytes();
    for (const [userId, entry] of this.map) {
      if (total <= this.limits.maxBytes) break;
      if (entry.value === undefined) continue;
      const own = this.hooks.bytes(entry.value);
      if (userId === keep && (this.limits.keepOversized || own <= this.limits.maxBytes)) continue;
      total -= own;
      this.map.delete(userId);
    }
  }

  private refreshIfOld(userId: string, entry: E): void {
    if (entry.refreshing || this.limits.clock() - entry.loadedAt < this.limits.maxAgeMs) return;
    entry.refreshing = true;
    const started = this.limits.clock();
    const writes = entry.writes;
    const current = (): boolean => this.map.get(userId) === entry && entry.writes === writes;
    this.hooks.refresh(userId, entry, current).then(
      () => {
        entry.refreshing = false;
        if (!current()) return;
        entry.loadedAt = started;
        this.evict(userId);
      },
      () => {
        entry.refreshing = false;
      },
    );
  }
}
