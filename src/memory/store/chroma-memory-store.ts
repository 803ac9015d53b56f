import type { Collection } from "../records/chroma/chroma-types.js";
import { silentLogger } from "../../config/logger.js";
import type { Embedder } from "../../providers/embedder.js";
import { AccessBatcher, type AccessCount } from "./access-batcher.js";
import type { MemoryFilter } from "../types.js";
import { DEFAULTS } from "../defaults.js";
import { decayRecord, type DecayOptions } from "../decay.js";
import type { LongTermMemory, MemorySearchOptions, MemorySource, WriteOutcome } from "../interfaces.js";
import { KeyedLock } from "../keyed-lock.js";
import type { HistoryActor, HistoryLog } from "../ledger/history-log.js";
import { DEFAULT_RANKING, type RankingOptions } from "../ranking.js";
import { fallbackReconciler } from "../reconcile/fallback-reconciler.js";
import { reconcileWrite, type ReconcileWriteContext } from "../reconcile/reconcile-write.js";
import type { Reconciler } from "../reconcile/reconciler-types.js";
import { hybridSearch } from "../retrieval/hybrid-search.js";
import { IndexedRows } from "../records/indexed-rows.js";
import { IndexCache } from "../index/index-cache.js";
import { SnapshotStore } from "../index/snapshot/snapshot-store.js";
import { isOutdatedEpisode } from "../retrieval/stale-episodes.js";
import { sanitizeNewMemory } from "../sanitize-output.js";
import type { EpisodeInput } from "../episodes.js";
import type { MemoryRecord, NewMemory, ScoredMemory } from "../types.js";
import { insertMany, insertOne, storeEpisode, type DirectWriteContext } from "./direct-writes.js";
import { importRows, unimportRows } from "../records/import-rows.js";
import type { ChromaMemoryStoreOptions, MemoryPatch } from "./chroma-memory-store-options.js";
import { buildUserProfile, type ProfileOptions } from "../user-profile.js";

/** Long-term memory of facts, preferences and tasks in one Chroma collection, isolated per user by metadata; search is hybrid (vector + BM25). */
export class ChromaMemoryStore implements LongTermMemory {
  private readonly lock = new KeyedLock();
  private readonly rows: IndexedRows;
  private readonly index?: IndexCache;
  private readonly ranking: RankingOptions;
  private readonly clock: () => Date;
  private readonly history?: HistoryLog;
  /** Other processes may write the same Chroma (a finite maxAgeMs): results are checked against it before they are returned. */
  private readonly shared: boolean;
  private readonly access: AccessBatcher;
  private readonly direct: DirectWriteContext;
  reconciler: Reconciler;

  constructor(
    collection: Collection,
    embedder: Embedder,
    private readonly options: ChromaMemoryStoreOptions = {},
  ) {
    this.rows = new IndexedRows(collection, embedder, options.outbox && { logger: options.logger, ...options.outbox });
    if (options.search?.lexical !== false) {
      this.index = new IndexCache(
        (userId, progress) => this.rows.findWithVectors({ userId }, progress),
        options.search,
        (userId, sinceMs) => this.rows.changedSince(userId, sinceMs),
        options.snapshotDir ? new SnapshotStore(options.snapshotDir, collection.name) : undefined,
      );
      this.index.follow(this.rows.changes);
    }
    this.shared = Number.isFinite(options.search?.maxAgeMs ?? DEFAULTS.lexicalCache.maxAgeMs);
    this.ranking = options.ranking ?? DEFAULT_RANKING;
    this.clock = options.clock ?? (() => new Date());
    this.history = options.history;
    this.reconciler = options.reconciler ?? fallbackReconciler;
    this.direct = {
      rows: this.rows,
      lexical: this.index,
      history: this.history,
      newId: options.newId,
      maxEpisodesPerUser: options.maxEpisodesPerUser,
    };
    this.access = new AccessBatcher((userId, accesses) => this.applyAccess(userId, accesses), {
      flushMs: options.accessFlushMs,
      logger: options.logger,
      what: "memories",
    });
  }

  private now(now?: string): string {
    return now ?? this.clock().toISOString();
  }

  /** Runs a write under the user's lock, once the user is known not to wait for a reindex. */
  private locked<T>(userId: string, write: () => Promise<T>): Promise<T> {
    return this.lock.run(userId, async () => {
      await this.options.unmigrated?.check(userId);
      return write();
    });
  }

  /**
   * Index search (Chroma is asked only while the user's index loads, or when the index is off). Hybrid: the vector neighbours and the BM25 hits over the user's memories are fused by reciprocal rank, then ranked
   * with importance and recency. minScore is a floor on cosine similarity, except that a BM25 hit matching at least half of the
   * query's IDF mass (its rare words: names, dates) is kept whatever its cosine. Filters apply to both channels.
   */
  async search(query: string, options: MemorySearchOptions): Promise<ScoredMemory[]> {
    const limit = options.limit ?? DEFAULTS.searchLimit;
    if (!query.trim() || limit <= 0) return [];
    await this.options.unmigrated?.check(options.userId);
    const { limit: _limit, minScore: _minScore, now: _now, includeHistorical, ...fields } = options;
    const filter: MemoryFilter = { ...fields, current: includeHistorical ? undefined : true, liveAt: this.now(options.now) };
    const found = await hybridSearch(
      this.rows,
      this.index,
      { query, filter, limit, minScore: options.minScore, now: this.now(options.now) },
      this.ranking,
      this.options.search,
    );
    if (this.shared) await this.dropDeletedElsewhere(found);
    if (includeHistorical || !this.index || !found.some((m) => m.kind === "episode")) return found;
    const userIndex = this.index.peek(options.userId);
    if (!userIndex) return found;
    return found.filter((m) => !isOutdatedEpisode(m, userIndex.siblings(m.id, { userId: options.userId })));
  }

  /** Removes from the results, and from the index, memories another process deleted since the index was loaded. */
  private async dropDeletedElsewhere(found: ScoredMemory[]): Promise<void> {
    if (!found.length) return;
    const alive = await this.rows.existing(found.map((m) => m.id));
    const gone = found.filter((m) => !alive.has(m.id)).map((m) => m.id);
    if (!gone.length) return;
    this.index?.remove(gone);
    found.splice(0, found.length, ...found.filter((m) => alive.has(m.id)));
  }

  /** Loads the user's search index now (e.g. when a session starts) so later searches need no load; resolves when it is ready. */
  async warmUp(userId: string): Promise<void> {
    await this.index?.get(userId);
  }

  /** Users whose lexical index is cached in this process, least recently searched first. */
  cachedLexicalUsers(): string[] {
    return this.index?.users() ?? [];
  }

  write(
    userId: string,
    memories: NewMemory[],
    source: MemorySource = {},
    now?: string,
    actor: HistoryActor = "extraction",
  ): Promise<WriteOutcome[]> {
    const ctx: ReconcileWriteContext = {
      rows: this.rows,
      reconciler: this.reconciler,
      history: this.history,
      logger: this.options.logger ?? silentLogger,
      duplicateThreshold: this.options.duplicateThreshold ?? DEFAULTS.reconcile.duplicateThreshold,
      duplicateWordOverlap: this.options.duplicateWordOverlap ?? DEFAULTS.reconcile.duplicateWordOverlap,
      candidates: this.options.reconcileCandidates ?? DEFAULTS.reconcile.candidates,
      minSimilarity: this.options.reconcileMinSimilarity ?? DEFAULTS.reconcile.minSimilarity,
      actor,
      newId: this.options.newId,
    };
    return this.locked(userId, async () => {
      const at = this.now(now);
      const outcomes: WriteOutcome[] = [];
      for (const memory of memories) {
        const checked = sanitizeNewMemory(memory, ctx.logger);
        if (checked) outcomes.push(await reconcileWrite(ctx, userId, checked, source, at));
      }
      return outcomes;
    });
  }

  /** Stores a memory as given, without a model; only an exact duplicate of a current memory is skipped. */
  insert(userId: string, memory: NewMemory, source: MemorySource = {}, now?: string, actor: HistoryActor = "api"): Promise<WriteOutcome> {
    return this.locked(userId, () => insertOne(this.direct, userId, memory, source, this.now(now), actor));
  }

  /** Sends the rows waiting in the outbox to Chroma (all of them, e.g. left by a crash). */
  flushWrites(): Promise<void> {
    return this.rows.drain();
  }

  /** Stores many memories as given, without a model, in chunks; exact duplicates of current memories or of earlier items are skipped. */
  insertMany(
    userId: string,
    items: Array<{ memory: NewMemory; source?: MemorySource }>,
    now?: string,
    actor: HistoryActor = "api",
  ): Promise<WriteOutcome[]> {
    return this.locked(userId, () => insertMany(this.direct, userId, items, this.now(now), actor));
  }

  /** Stores an exchange as an episode (no model, no reconciliation), then drops the user's oldest episodes beyond the limit. */
  storeEpisode(userId: string, episode: EpisodeInput, source: MemorySource = {}, now?: string): Promise<WriteOutcome> {
    return this.locked(userId, () => storeEpisode(this.direct, userId, episode, source, this.now(now)));
  }

  /** Queues one use of each memory; the counts are written in a batch shortly after (the promise settles then). */
  recordAccess(userId: string, ids: string[], now?: string): Promise<void> {
    return this.access.record(userId, ids, this.now(now));
  }

  private applyAccess(userId: string, accesses: ReadonlyMap<string, AccessCount>): Promise<void> {
    return this.lock.run(userId, async () => {
      const records = await this.rows.byIds([...accesses.keys()], userId);
      await this.rows.patch(
        records.map((r) => ({ ...r, accessCount: r.accessCount + accesses.get(r.id)!.times, lastAccessedAt: accesses.get(r.id)!.at })),
      );
    });
  }

  /** Writes the queued access counts now. */
  flushAccess(): Promise<void> {
    return this.access.flush();
  }

  /** Writes pending access counts, sends the rows still waiting in the outbox, then snapshots the large indexes that changed. */
  async close(): Promise<void> {
    await this.access.close();
    await this.rows.close();
    await this.index
      ?.saveAll()
      .catch((error: unknown) => this.options.logger?.warn(`Search index snapshots not written: ${(error as Error).message}`, error));
  }

  async list(userId: string): Promise<MemoryRecord[]> {
    return this.all({ userId, current: true, kind: "fact" });
  }

  /** Every memory matching a filter (current and superseded unless filtered), newest first. */
  async all(filter: MemoryFilter): Promise<MemoryRecord[]> {
    await this.options.unmigrated?.check(filter.userId);
    const records = await this.rows.find(filter);
    return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  }

  /** One memory by id, of any user. */
  async get(id: string): Promise<MemoryRecord | undefined> {
    return (await this.rows.byIds([id]))[0];
  }

  /** Changes a memory in place (re-embedding when the text changes); returns the new record, or undefined if it does not exist. */
  async update(id: string, patch: MemoryPatch, now?: string): Promise<MemoryRecord | undefined> {
    const existing = await this.get(id);
    if (!existing) return undefined;
    return this.lock.run(existing.userId, async () => {
      const current = await this.get(id);
      if (!current) return undefined;
      const at = this.now(now);
      const { metadata, ...fields } = patch;
      const next: MemoryRecord = { ...current, ...fields, content: patch.content?.trim() || current.content, updatedAt: at };
      if (metadata === null) delete next.metadata;
      else if (metadata) next.metadata = metadata;
      await (next.content === current.content ? this.rows.patch([next]) : this.rows.put([next]));
      await this.history?.record([
        { memoryId: id, userId: next.userId, action: "UPDATE", relatedId: null, content: next.content, actor: "api", threadId: null, at },
      ]);
      return next;
    });
  }

  /** Deletes one memory and erases its text from the history; returns whether it existed. */
  async remove(id: string, now?: string): Promise<boolean> {
    const existing = await this.get(id);
    if (!existing) return false;
    return this.lock.run(existing.userId, async () => {
      await this.rows.remove([id], existing.userId);
      await this.history?.recordDeletion({
        memoryId: id,
        userId: existing.userId,
        relatedId: null,
        actor: "api",
        threadId: null,
        at: this.now(now),
      });
      return true;
    });
  }

  /** Ids of the user's memories expired at `now` (from the search index when it is loaded, else from Chroma). */
  async expiredIds(userId: string, now?: string): Promise<string[]> {
    const filter: MemoryFilter = { userId, where: { field: "expiresAt", op: "$lte", value: this.now(now) } };
    const lexicon = this.index?.peek(userId);
    return lexicon ? lexicon.ids(filter) : (await this.rows.find(filter)).map((r) => r.id);
  }

  /** Every user with memories (current or superseded). */
  async userIds(): Promise<string[]> {
    await this.rows.drain();
    return this.rows.userIds();
  }

  /** Memories by id, of any user; missing ids are left out. */
  getMany(ids: string[]): Promise<MemoryRecord[]> {
    return this.rows.byIds(ids);
  }

  /** Stores complete records as they are (ids and every field kept), e.g. from an export; all or nothing (importRows). */
  importRecords(userId: string, records: MemoryRecord[]): Promise<void> {
    return this.locked(userId, () => importRows(this.rows, userId, records));
  }

  /** Undoes an import: removes the given rows of the user and puts back the ones they had overwritten. */
  unimport(userId: string, ids: string[], previous: MemoryRecord[]): Promise<void> {
    return this.lock.run(userId, () => unimportRows(this.rows, userId, ids, previous));
  }

  /** Lowers the importance of memories left untouched (one user, or the given users); returns how many changed. */
  async decay(userId: string, options: DecayOptions & { now?: string } = {}): Promise<number> {
    return this.lock.run(userId, async () => {
      const at = this.now(options.now);
      const changed = (await this.rows.find({ userId, current: true })).flatMap((r) => decayRecord(r, at, options) ?? []);
      await this.rows.patch(changed);
      return changed.length;
    });
  }

  /** The learned profile; read from the in-process lexical index when it is on, so a turn costs no extra Chroma read. */
  async profile(userId: string, options?: ProfileOptions): Promise<string> {
    if (!this.index || this.shared)
      return buildUserProfile(await this.all({ userId, current: true, kind: "fact", liveAt: this.now() }), options);
    await this.options.unmigrated?.check(userId);
    const lexicon = await this.index.get(userId);
    return buildUserProfile(
      lexicon.ids({ userId, current: true, liveAt: this.now() }).flatMap((id) => lexicon.get(id) ?? []),
      options,
    );
  }

  deleteUser(userId: string): Promise<number> {
    return this.lock.run(userId, async () => {
      this.access.drop(userId);
      const removed = (await this.rows.removeUser(userId)) + ((await this.options.unmigrated?.deleteUser(userId)) ?? 0);
      await this.history?.deleteUser(userId);
      return removed;
    });
  }
}
