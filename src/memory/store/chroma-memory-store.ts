import type { Collection } from "chromadb";
import { silentLogger, type Logger } from "../../config/logger.js";
import type { Embedder } from "../../providers/embedder.js";
import { AccessBatcher, type AccessCount } from "./access-batcher.js";
import type { MemoryFilter } from "../types.js";
import { contentHash } from "../content-hash.js";
import { DEFAULTS } from "../defaults.js";
import { decayRecord, type DecayOptions } from "../decay.js";
import type { LongTermMemory, MemorySearchOptions, MemorySource, WriteOutcome } from "../interfaces.js";
import { KeyedLock } from "../keyed-lock.js";
import type { HistoryActor, HistoryLog } from "../ledger/history-log.js";
import { DEFAULT_RANKING, type RankingOptions } from "../ranking.js";
import { fallbackReconciler } from "../reconcile/fallback-reconciler.js";
import { newRecord, reconcileWrite, type ReconcileWriteContext } from "../reconcile/reconcile-write.js";
import type { Reconciler } from "../reconcile/reconciler-types.js";
import { hybridSearch, type HybridSearchOptions } from "../search/hybrid-search.js";
import { IndexedRows, type OutboxOptions } from "../search/indexed-rows.js";
import { LexicalCache, type LexicalCacheOptions } from "../search/lexical-cache.js";
import { SnapshotStore } from "../search/snapshot-store.js";
import { isOutdatedEpisode } from "../search/stale-episodes.js";
import type { UnmigratedUsers } from "../search/unmigrated-users.js";
import { sanitizeNewMemory } from "../sanitize-output.js";
import { DEFAULT_MAX_EPISODES_PER_USER, episodeContent, episodesOverLimit, type EpisodeInput } from "../episodes.js";
import type { HistoryEvent, MemoryRecord, NewMemory, ScoredMemory } from "../types.js";
import { putInChunks } from "./put-in-chunks.js";
import { buildUserProfile, type ProfileOptions } from "../user-profile.js";

/** The history event of a newly stored memory. */
const addedEvent = (record: MemoryRecord, actor: HistoryActor): HistoryEvent => ({
  memoryId: record.id,
  userId: record.userId,
  action: "ADD",
  relatedId: null,
  content: record.content,
  actor,
  threadId: record.source.threadId ?? null,
  at: record.createdAt,
});

/** Tuning for the Chroma-backed long-term memory. */
export interface ChromaMemoryStoreOptions {
  /** Cosine similarity at or above which a new memory counts as already known (no model call). */
  duplicateThreshold?: number;
  /** Word overlap (Jaccard) a near duplicate must also have, so a changed detail still reaches the reconciler (default 0.7). */
  duplicateWordOverlap?: number;
  ranking?: RankingOptions;
  clock?: () => Date;
  /** Decides ADD / UPDATE / SUPERSEDE / DELETE / NONE for new memories; defaults to the deterministic fallback. */
  reconciler?: Reconciler;
  /** How many similar memories the reconciler sees (default 5). */
  reconcileCandidates?: number;
  /** Similar memories below this are not shown to the reconciler (default 0.1). */
  reconcileMinSimilarity?: number;
  history?: HistoryLog;
  logger?: Logger;
  /** Hybrid search tuning and lexical cache bounds (lexical: false makes search vector-only). */
  search?: HybridSearchOptions & LexicalCacheOptions;
  /** Refuses users whose memories still sit in another embedder's collection (set by openStores after a partial reindex). */
  unmigrated?: UnmigratedUsers;
  /** Id of each new memory (default: a random UUID). */
  newId?: () => string;
  /** Episodes kept per user; storing one more drops the oldest (default DEFAULT_MAX_EPISODES_PER_USER). */
  maxEpisodesPerUser?: number;
  /** The ledger outbox single inserts are acknowledged from and sent to Chroma in batches (write-behind); without it they go straight to Chroma. */
  outbox?: OutboxOptions;
  /** Delay before batched access counts are written (default DEFAULTS.accessFlushMs). */
  accessFlushMs?: number;
  /** Directory for snapshots of large users' search indexes, so a restart loads them from disk (only with a single writer: embedded Chroma). */
  snapshotDir?: string;
}

/** Fields of a memory the API may change in place. */
export type MemoryPatch = Partial<Pick<MemoryRecord, "content" | "type" | "category" | "importance" | "eventDate" | "subject">>;

/** Long-term memory of facts, preferences and tasks in one Chroma collection, isolated per user by metadata; search is hybrid (vector + BM25). */
export class ChromaMemoryStore implements LongTermMemory {
  private readonly lock = new KeyedLock();
  private readonly rows: IndexedRows;
  private readonly lexical?: LexicalCache;
  private readonly ranking: RankingOptions;
  private readonly clock: () => Date;
  private readonly history?: HistoryLog;
  /** Other processes may write the same Chroma (a finite maxAgeMs): results are checked against it before they are returned. */
  private readonly shared: boolean;
  private readonly access: AccessBatcher;
  reconciler: Reconciler;

  constructor(
    collection: Collection,
    embedder: Embedder,
    private readonly options: ChromaMemoryStoreOptions = {},
  ) {
    this.rows = new IndexedRows(collection, embedder, options.outbox && { logger: options.logger, ...options.outbox });
    if (options.search?.lexical !== false)
      this.rows.cache = this.lexical = new LexicalCache(
        (userId, progress) => this.rows.findWithVectors({ userId }, progress),
        options.search,
        (userId, sinceMs) => this.rows.changedSince(userId, sinceMs),
        options.snapshotDir ? new SnapshotStore(options.snapshotDir, collection.name) : undefined,
      );
    this.shared = Number.isFinite(options.search?.maxAgeMs ?? DEFAULTS.lexicalCache.maxAgeMs);
    this.ranking = options.ranking ?? DEFAULT_RANKING;
    this.clock = options.clock ?? (() => new Date());
    this.history = options.history;
    this.reconciler = options.reconciler ?? fallbackReconciler;
    this.access = new AccessBatcher((userId, accesses) => this.applyAccess(userId, accesses), {
      flushMs: options.accessFlushMs,
      logger: options.logger,
      what: "memories",
    });
  }

  private now(now?: string): string {
    return now ?? this.clock().toISOString();
  }

  /**
   * Hybrid search: the vector neighbours and the BM25 hits over the user's memories are fused by reciprocal rank, then ranked
   * with importance and recency. minScore is a floor on cosine similarity, except that a BM25 hit matching at least half of the
   * query's IDF mass (its rare words: names, dates) is kept whatever its cosine. Filters apply to both channels.
   */
  async search(query: string, options: MemorySearchOptions): Promise<ScoredMemory[]> {
    const limit = options.limit ?? DEFAULTS.searchLimit;
    if (!query.trim() || limit <= 0) return [];
    await this.options.unmigrated?.check(options.userId);
    const { limit: _limit, minScore: _minScore, now: _now, includeHistorical, ...fields } = options;
    const filter: MemoryFilter = { ...fields, current: includeHistorical ? undefined : true };
    const found = await hybridSearch(
      this.rows,
      this.lexical,
      { query, filter, limit, minScore: options.minScore, now: this.now(options.now) },
      this.ranking,
      this.options.search,
    );
    if (this.shared) await this.dropDeletedElsewhere(found);
    if (includeHistorical || !this.lexical || !found.some((m) => m.kind === "episode")) return found;
    const lexicon = this.lexical.peek(options.userId);
    if (!lexicon) return found;
    return found.filter((m) => !isOutdatedEpisode(m, lexicon.siblings(m.id, { userId: options.userId })));
  }

  /** Removes from the results, and from the index, memories another process deleted since the index was loaded. */
  private async dropDeletedElsewhere(found: ScoredMemory[]): Promise<void> {
    if (!found.length) return;
    const alive = await this.rows.existing(found.map((m) => m.id));
    const gone = found.filter((m) => !alive.has(m.id)).map((m) => m.id);
    if (!gone.length) return;
    this.lexical?.remove(gone);
    found.splice(0, found.length, ...found.filter((m) => alive.has(m.id)));
  }

  /** Loads the user's search index now (e.g. when a session starts) so later searches need no load; resolves when it is ready. */
  async warmUp(userId: string): Promise<void> {
    await this.lexical?.get(userId);
  }

  /** Users whose lexical index is cached in this process, least recently searched first. */
  cachedLexicalUsers(): string[] {
    return this.lexical?.users() ?? [];
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
    return this.lock.run(userId, async () => {
      await this.options.unmigrated?.check(userId);
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
    return this.lock.run(userId, async () => {
      await this.options.unmigrated?.check(userId);
      const content = memory.content.trim();
      const exact = await this.currentFactByHash(userId, contentHash(content));
      if (exact) return { action: "NONE", id: exact, content };
      const record = newRecord(userId, { ...memory, content }, source, this.now(now), this.options.newId?.());
      const events = [addedEvent(record, actor)];
      const history = this.history;
      if (history?.recordSync) await this.rows.enqueue([record], () => history.recordSync!(events));
      else {
        await this.rows.enqueue([record]);
        await history?.record(events);
      }
      return { action: "ADD", id: record.id, content };
    });
  }

  /** Sends the rows waiting in the outbox to Chroma (all of them, e.g. left by a crash). */
  flushWrites(): Promise<void> {
    return this.rows.drain();
  }

  /** Sends the rows waiting in the outbox, then refuses new outbox writes. */
  /** Id of the user's current fact memory with this content hash: from the lexical index when it is on, else from Chroma. */
  private async currentFactByHash(userId: string, hash: string): Promise<string | undefined> {
    if (this.lexical) return (await this.lexical.get(userId)).currentFactByHash(hash);
    const [exact] = await this.rows.find({ userId, current: true, kind: "fact", contentHash: hash }, 1);
    return exact?.id;
  }

  /**
   * Stores many memories as given, without a model, in chunked upserts (the next chunk is embedded while Chroma writes the
   * previous one); exact duplicates of current memories or of earlier items are skipped.
   */
  insertMany(
    userId: string,
    items: Array<{ memory: NewMemory; source?: MemorySource }>,
    now?: string,
    actor: HistoryActor = "api",
  ): Promise<WriteOutcome[]> {
    return this.lock.run(userId, async () => {
      await this.options.unmigrated?.check(userId);
      const at = this.now(now);
      const known = await this.rows.currentByHash(userId, [...new Set(items.map((i) => contentHash(i.memory.content.trim())))]);
      const outcomes: WriteOutcome[] = [];
      const fresh: MemoryRecord[] = [];
      for (const { memory, source = {} } of items) {
        const content = memory.content.trim();
        const hash = contentHash(content);
        const existing = known.get(hash);
        if (existing) {
          outcomes.push({ action: "NONE", id: existing, content });
          continue;
        }
        const record = newRecord(userId, { ...memory, content }, source, at, this.options.newId?.());
        known.set(hash, record.id);
        fresh.push(record);
        outcomes.push({ action: "ADD", id: record.id, content });
      }
      await putInChunks(this.rows, fresh, { fresh: true }, (chunk) => this.history?.record(chunk.map((r) => addedEvent(r, actor))));
      return outcomes;
    });
  }

  /** Stores an exchange as an episode (no model, no reconciliation), then drops the user's oldest episodes beyond the limit. */
  storeEpisode(userId: string, episode: EpisodeInput, source: MemorySource = {}, now?: string): Promise<WriteOutcome> {
    return this.lock.run(userId, async () => {
      await this.options.unmigrated?.check(userId);
      const content = episodeContent(episode);
      const at = this.now(now);
      const memory: NewMemory = {
        content,
        type: "fact",
        category: "conversation",
        importance: 0.5,
        eventDate: at,
        subject: episode.speaker ?? null,
        kind: "episode",
      };
      const record = newRecord(userId, memory, source, at, this.options.newId?.());
      await this.rows.put([record]);
      const max = this.options.maxEpisodesPerUser ?? DEFAULT_MAX_EPISODES_PER_USER;
      const filter = { userId, kind: "episode" as const };
      const episodes = this.lexical
        ? await this.lexical.get(userId).then((l) => l.ids(filter).map((id) => l.get(id)!))
        : await this.rows.find(filter);
      const dropped = episodesOverLimit(episodes, max);
      await this.rows.remove(dropped, userId);
      await this.history?.record([addedEvent(record, "extraction")]);
      for (const id of dropped)
        await this.history?.recordDeletion({ memoryId: id, userId, relatedId: null, actor: "extraction", threadId: null, at });
      return { action: "ADD", id: record.id, content };
    });
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
    await this.lexical
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
      const next: MemoryRecord = { ...current, ...patch, content: patch.content?.trim() || current.content, updatedAt: at };
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

  /** Memories by id, of any user; missing ids are left out. */
  getMany(ids: string[]): Promise<MemoryRecord[]> {
    return this.rows.byIds(ids);
  }

  /** Stores complete records as they are (ids and every field kept), e.g. from an export; all or nothing: on failure the rows written are removed and the ones overwritten restored. */
  importRecords(userId: string, records: MemoryRecord[]): Promise<void> {
    return this.lock.run(userId, async () => {
      await this.options.unmigrated?.check(userId);
      const owned = records.map((r) => ({ ...r, userId }));
      const previous = await this.rows.byIds(
        owned.map((r) => r.id),
        userId,
      );
      const overwritten = new Set(previous.map((r) => r.id));
      try {
        await this.rows.put(owned.filter((r) => overwritten.has(r.id)));
        await putInChunks(
          this.rows,
          owned.filter((r) => !overwritten.has(r.id)),
          { fresh: true },
        );
      } catch (error) {
        await this.rows.remove(
          owned.map((r) => r.id),
          userId,
        );
        await this.rows.put(previous);
        throw error;
      }
    });
  }

  /** Undoes an import: removes the given rows of the user and puts back the ones they had overwritten. */
  unimport(userId: string, ids: string[], previous: MemoryRecord[]): Promise<void> {
    return this.lock.run(userId, async () => {
      await this.rows.remove(
        (await this.rows.byIds(ids, userId)).map((r) => r.id),
        userId,
      );
      await this.rows.put(previous);
    });
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
    if (!this.lexical || this.shared) return buildUserProfile(await this.list(userId), options);
    await this.options.unmigrated?.check(userId);
    const lexicon = await this.lexical.get(userId);
    return buildUserProfile(
      lexicon.ids({ userId, current: true }).flatMap((id) => lexicon.get(id) ?? []),
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
