import type { MemoryRecord } from "../types.js";
import { UserLexicon } from "./user-lexicon.js";

interface Entry {
  lexicon?: UserLexicon;
  loading?: Promise<UserLexicon>;
}

/** Bounds of the in-process lexical cache. */
export interface LexicalCacheOptions {
  /** Users whose lexicons stay in memory, least recently searched evicted first (default 64). */
  maxUsers?: number;
  /** Total memories across cached users before evicting (default 200,000). */
  maxRecords?: number;
}

/** Per-user BM25 lexicons built lazily from the store and patched on every write; an LRU over users bounds memory. */
export class LexicalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxUsers: number;
  private readonly maxRecords: number;

  constructor(
    private readonly load: (userId: string) => Promise<MemoryRecord[]>,
    options: LexicalCacheOptions = {},
  ) {
    this.maxUsers = Math.max(1, options.maxUsers ?? 64);
    this.maxRecords = Math.max(1, options.maxRecords ?? 200_000);
  }

  /** The user's lexicon, loading it on first use; a write during the load discards the result for the next call. */
  async get(userId: string): Promise<UserLexicon> {
    const entry = this.entries.get(userId);
    if (entry) {
      this.entries.delete(userId);
      this.entries.set(userId, entry);
      if (entry.lexicon) return entry.lexicon;
      return entry.loading!;
    }
    const fresh: Entry = {};
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
      if (entry?.lexicon) entry.lexicon.upsert(r);
      else if (entry) this.entries.delete(r.userId);
    }
  }

  /** Memories deleted by id: removed from every loaded lexicon, in-flight loads dropped. */
  remove(ids: string[]): void {
    for (const [userId, entry] of this.entries) {
      if (!entry.lexicon) this.entries.delete(userId);
      else for (const id of ids) entry.lexicon.remove(id);
    }
  }

  /** Forgets a user entirely (after deleteUser or a reindex). */
  drop(userId: string): void {
    this.entries.delete(userId);
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
