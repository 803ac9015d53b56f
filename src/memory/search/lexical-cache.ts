import { DEFAULTS } from "../defaults.js";
import type { MemoryRecord } from "../types.js";
import { UserLexicon } from "./user-lexicon.js";

interface Entry {
  lexicon?: UserLexicon;
  loading?: Promise<UserLexicon>;
  /** When the load behind the lexicon started (clock ms). */
  loadedAt: number;
  /** Writes patched in since the entry was created: a reload that raced one is discarded. */
  writes: number;
  refreshing?: boolean;
}

/** Bounds of the in-process lexical cache. */
export interface LexicalCacheOptions {
  /** Users whose lexicons stay in memory, least recently searched evicted first (default 64). */
  maxUsers?: number;
  /** Total memories across cached users before evicting (default 200,000). */
  maxRecords?: number;
  /**
   * Age after which a search reloads the user's lexicon in the background, so writes by other processes sharing the store
   * show up (default 15,000 ms; Infinity never reloads). The search that notices serves the cached lexicon.
   */
  maxAgeMs?: number;
  /** Milliseconds clock for the age check (default Date.now). */
  clock?: () => number;
}

/** Per-user BM25 lexicons built lazily from the store and patched on every write; an LRU over users bounds memory. */
export class LexicalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxUsers: number;
  private readonly maxRecords: number;
  private readonly maxAgeMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly load: (userId: string) => Promise<MemoryRecord[]>,
    options: LexicalCacheOptions = {},
  ) {
    this.maxUsers = Math.max(1, options.maxUsers ?? DEFAULTS.lexicalCache.maxUsers);
    this.maxRecords = Math.max(1, options.maxRecords ?? DEFAULTS.lexicalCache.maxRecords);
    this.maxAgeMs = Math.max(0, options.maxAgeMs ?? DEFAULTS.lexicalCache.maxAgeMs);
    this.clock = options.clock ?? Date.now;
  }

  /** The user's lexicon, loading it on first use; a write during the load discards the result for the next call. */
  async get(userId: string): Promise<UserLexicon> {
    const entry = this.entries.get(userId);
    if (entry) {
      this.entries.delete(userId);
      this.entries.set(userId, entry);
      if (entry.lexicon) {
        this.refreshIfOld(userId, entry);
        return entry.lexicon;
      }
      return entry.loading!;
    }
    const fresh: Entry = { loadedAt: this.clock(), writes: 0 };
    fresh.loading = this.load(userId).then(
      (records) => {
        const lexicon = new UserLexicon(records);
        if (this.entries.get(userId) === fresh) {
          fresh.lexicon = lexicon;
          fresh.loading = undefined;
          this.evict(userId);
        }
        return lexicon;
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

  /** Records written or changed: patched into loaded lexicons, in-flight loads dropped. */
  upsert(records: MemoryRecord[]): void {
    for (const r of records) {
      const entry = this.entries.get(r.userId);
      if (entry?.lexicon) {
        entry.lexicon.upsert(r);
        entry.writes++;
      } else if (entry) this.entries.delete(r.userId);
    }
  }

  /** Memories deleted by id: removed from every loaded lexicon, in-flight loads dropped. */
  remove(ids: string[]): void {
    for (const [userId, entry] of this.entries) {
      if (!entry.lexicon) this.entries.delete(userId);
      else if (ids.map((id) => entry.lexicon!.remove(id)).some(Boolean)) entry.writes++;
    }
  }

  /** Forgets a user entirely (after deleteUser or a reindex). */
  drop(userId: string): void {
    this.entries.delete(userId);
  }

  private refreshIfOld(userId: string, entry: Entry): void {
    if (entry.refreshing || this.clock() - entry.loadedAt < this.maxAgeMs) return;
    entry.refreshing = true;
    const started = this.clock();
    const writes = entry.writes;
    this.load(userId).then(
      (records) => {
        entry.refreshing = false;
        if (this.entries.get(userId) !== entry || entry.writes !== writes) return;
        entry.lexicon = new UserLexicon(records);
        entry.loadedAt = started;
        this.evict(userId);
      },
      () => {
        entry.refreshing = false;
      },
    );
  }

  private evict(keep: string): void {
    let total = 0;
    for (const e of this.entries.values()) total += e.lexicon?.size ?? 0;
    for (const [userId, entry] of this.entries) {
      if (this.entries.size <= this.maxUsers && total <= this.maxRecords) break;
      if (userId === keep || !entry.lexicon) continue;
      total -= entry.lexicon.size;
      this.entries.delete(userId);
    }
  }
}
