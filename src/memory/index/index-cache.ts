import { DEFAULTS } from "../defaults.js";
import type { IndexCacheOptions } from "./index-cache-options.js";
import type { MemoryRecord } from "../types.js";
import type { RecordChangeFeed } from "../records/change-feed.js";
import { UserCache, type UserCacheEntry } from "../user-cache.js";
import type { LoadedUser } from "./loaded-user.js";
import { LoadProgress } from "./load-progress.js";
import { SNAPSHOT_MIN_RECORDS, type SnapshotStore } from "./snapshot/snapshot-store.js";
import { snapshotOf, withChanges } from "./snapshot/snapshot-of.js";
import { UserIndex } from "./user-index.js";

export { LoadProgress };

export type { LoadedUser, IndexCacheOptions };

interface Entry extends UserCacheEntry<UserIndex> {
  progress: LoadProgress;
  /** Writes made while the index was loading, applied to it once loaded (the load may or may not have seen them). */
  pending: Array<(index: UserIndex) => void>;
  /** How the last load got its rows: from a snapshot, and whether it read changes made since. */
  fromSnapshot?: boolean;
  caughtUp?: boolean;
  /** `writes` when the snapshot on disk was taken (undefined: none is current). */
  saved?: number;
}

/** Overlap of an incremental refresh with the previous one, covering writes in flight and clock skew between processes. */
const REFRESH_OVERLAP_MS = 5_000;

/** Per-user search indexes built lazily from the store and patched on every write; an LRU over users within a byte budget bounds memory. */
export class IndexCache {
  private readonly cache: UserCache<UserIndex, Entry>;
  private readonly coldWaitMs: number;
  private readonly saving = new Set<Promise<unknown>>();
  private readonly snapshotMin: number;

  constructor(
    private readonly load: (userId: string, progress: LoadProgress) => Promise<LoadedUser>,
    options: IndexCacheOptions = {},
    private readonly loadChanges?: (userId: string, sinceMs: number) => Promise<LoadedUser>,
    private readonly snapshots?: SnapshotStore,
  ) {
    this.coldWaitMs = Math.max(0, options.coldWaitMs ?? DEFAULTS.lexicalCache.coldWaitMs);
    this.snapshotMin = options.snapshotMinRecords ?? SNAPSHOT_MIN_RECORDS;
    const limits = {
      maxBytes: Math.max(1, options.maxBytes ?? DEFAULTS.lexicalCache.maxBytes),
      maxAgeMs: Math.max(0, options.maxAgeMs ?? DEFAULTS.lexicalCache.maxAgeMs),
      keepOversized: true,
      clock: options.clock ?? Date.now,
    };
    this.cache = new UserCache<UserIndex, Entry>(limits, {
      create: (now) => ({ loadedAt: now, writes: 0, progress: new LoadProgress(), pending: [] }),
      load: async (userId, entry) => {
        const built = await this.build(userId, entry.progress);
        entry.fromSnapshot = built.fromSnapshot;
        entry.caughtUp = built.caughtUp;
        return built.index;
      },
      loaded: (userId, entry, index) => this.loaded(userId, entry, index),
      refresh: (userId, entry, current) => this.refresh(userId, entry, current),
      bytes: (index) => index.bytes,
    });
  }

  /** The user's index, loading it on first use; a write during the load discards the result for the next call. */
  get(userId: string): Promise<UserIndex> {
    return this.cache.get(userId);
  }

  private loaded(userId: string, entry: Entry, index: UserIndex): void {
    for (const write of entry.pending.splice(0)) write(index);
    if (entry.fromSnapshot && !entry.caughtUp && entry.writes === 0) {
      entry.saved = 0;
      this.snapshots!.markCurrent(userId);
    } else if (!entry.fromSnapshot && this.snapshots && index.size >= this.snapshotMin) this.track(this.save(userId, entry));
  }

  /**
   * The user's index; while a large user's index is still loading, the part loaded so far once its vectors are in (`lexicalReady`
   * false), or undefined from coldWaitMs after its size showed until then. A failed load rejects.
   */
  async getWithin(userId: string): Promise<UserIndex | undefined> {
    const loading = this.get(userId);
    const entry = this.cache.entry(userId);
    if (!entry || entry.value || !Number.isFinite(this.coldWaitMs)) return loading;
    const timers: NodeJS.Timeout[] = [];
    const after = <T>(settled: Promise<T>) =>
      settled.then((value) => new Promise<T>((resolve) => timers.push(setTimeout(() => resolve(value), this.coldWaitMs))));
    loading.catch(() => undefined);
    try {
      return await Promise.race([loading, after(entry.progress.large).then(() => undefined), entry.progress.vectors]);
    } finally {
      timers.forEach(clearTimeout);
    }
  }

  /** The user's index if it is loaded, without loading it. */
  peek(userId: string): UserIndex | undefined {
    return this.cache.entry(userId)?.value;
  }

  /** Estimated bytes held by the loaded indexes. */
  bytes(): number {
    return this.cache.bytes();
  }

  /** Users currently cached (loaded or loading), least recently used first. */
  users(): string[] {
    return this.cache.users();
  }

  /** Records written or changed: patched into loaded indexes, and into loading ones once they are loaded. */
  upsert(records: MemoryRecord[], vectors?: ArrayLike<number>[]): void {
    for (const userId of new Set(records.map((r) => r.userId))) this.snapshots?.touched(userId);
    records.forEach((r, i) => {
      const entry = this.cache.entry(r.userId);
      if (!entry) return;
      entry.writes++;
      if (entry.value) entry.value.upsert(r, vectors?.[i]);
      else entry.pending.push((index) => index.upsert(r, vectors?.[i]));
    });
  }

  /** Memories deleted by id: removed from every loaded index, and from loading ones once they are loaded. */
  remove(ids: string[]): void {
    for (const [, entry] of this.cache.entries()) {
      if (!entry.value) {
        entry.pending.push((index) => ids.forEach((id) => index.remove(id)));
        entry.writes++;
      } else if (ids.map((id) => entry.value!.remove(id)).some(Boolean)) entry.writes++;
    }
  }

  /** Follows the committed changes of the system of record; the returned function stops following. */
  follow(feed: RecordChangeFeed): () => void {
    return feed.subscribe({
      upserted: (records, vectors) => this.upsert(records, vectors),
      removed: (ids) => this.remove(ids),
      invalidated: (userId) => this.drop(userId),
      deleting: (userId) => this.beginDelete(userId),
    });
  }

  /** Forgets a user entirely (after deleteUser or a reindex). */
  drop(userId: string): void {
    this.cache.drop(userId);
  }

  /**
   * Erases the user's index snapshots (every store scope's) before memories are deleted, and keeps new snapshots out until the
   * returned function is called, after the deletion.
   */
  async beginDelete(userId: string): Promise<() => void> {
    if (!this.snapshots) return () => undefined;
    await this.snapshots.beginDelete(userId);
    const entry = this.cache.entry(userId);
    if (entry) entry.saved = undefined;
    return () => this.snapshots!.endDelete(userId);
  }

  /** Writes a snapshot of every loaded index large enough and changed since its last one, after the snapshots in progress (on close). */
  async saveAll(): Promise<void> {
    await Promise.allSettled([...this.saving]);
    const large = [...this.cache.entries()].filter(([, e]) => e.value && e.value.size >= this.snapshotMin && e.saved !== e.writes);
    for (const [userId, entry] of large) await this.save(userId, entry);
    await this.snapshots?.seal();
  }

  private save(userId: string, entry: Entry): Promise<boolean> {
    const writes = entry.writes;
    return this.snapshots!.write(userId, () => (entry.value ? snapshotOf(entry.value) : undefined)).then((written) => {
      if (written && this.cache.entry(userId) === entry) entry.saved = writes;
      if (written && entry.writes === writes) this.snapshots!.markCurrent(userId);
      return written;
    });
  }

  private track(saving: Promise<unknown>): void {
    const settled = saving.catch(() => undefined);
    this.saving.add(settled);
    void settled.then(() => this.saving.delete(settled));
  }

  private refresh(userId: string, entry: Entry, current: () => boolean): Promise<void> {
    return this.loadChanges
      ? this.loadChanges(userId, entry.loadedAt - REFRESH_OVERLAP_MS).then(({ records, vectors }) => {
          if (current()) records.forEach((r, i) => entry.value!.upsert(r, vectors?.[i]));
        })
      : this.build(userId, new LoadProgress()).then(({ index }) => {
          if (current()) entry.value = index;
        });
  }

  private async build(userId: string, progress: LoadProgress): Promise<{ index: UserIndex; fromSnapshot: boolean; caughtUp: boolean }> {
    const found = await this.snapshots?.takenAt(userId);
    const catchUp = found !== undefined && !this.snapshots!.isCurrent(userId);
    const takenAt = catchUp && !this.loadChanges ? undefined : found;
    const [snapshot, changes] =
      takenAt === undefined
        ? []
        : await Promise.all([this.snapshots!.read(userId), catchUp ? this.loadChanges!(userId, takenAt - REFRESH_OVERLAP_MS) : undefined]);
    const { records, vectors } = snapshot ? withChanges(snapshot, changes) : await this.load(userId, progress);
    const index = await UserIndex.build(records, vectors, (partial) => progress.partial(partial));
    return { index, fromSnapshot: snapshot !== undefined, caughtUp: (changes?.records.length ?? 0) > 0 };
  }
}
