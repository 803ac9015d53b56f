import type { Collection } from "../records/chroma/chroma-types.js";
import type { Embedder } from "../../providers/embedder.js";
import { AccessBatcher } from "./access-batcher.js";
import type { DecayOptions } from "../decay.js";
import type { LongTermMemory, MemorySearchOptions, MemorySource, WriteOutcome } from "../interfaces.js";
import type { HistoryActor } from "../ledger/history-log.js";
import { fallbackReconciler } from "../reconcile/fallback-reconciler.js";
import type { Reconciler } from "../reconcile/reconciler-types.js";
import type { IndexedRows } from "../records/indexed-rows.js";
import type { EpisodeInput } from "../episodes.js";
import type { MemoryFilter, MemoryRecord, NewMemory, ScoredMemory } from "../types.js";
import { insertMany, insertOne, storeEpisode, type DirectWriteContext } from "./direct-writes.js";
import { importRows, unimportRows } from "../records/import-rows.js";
import type { ChromaMemoryStoreOptions, MemoryPatch } from "./chroma-memory-store-options.js";
import type { ProfileOptions } from "../user-profile.js";
import { applyAccess, decayMemories, removeMemory, updateMemory, writeReconciled } from "./memory-edits.js";
import { allMemories, expiredIdsOf, profileOf, searchStore } from "./memory-index-reads.js";
import { openMemoryStoreParts, type MemoryStoreParts } from "./memory-store-parts.js";

/** Long-term memory of facts, preferences and tasks in one Chroma collection, isolated per user by metadata; search is hybrid (vector + BM25). */
export class ChromaMemoryStore implements LongTermMemory {
  private readonly parts: MemoryStoreParts;
  private readonly rows: IndexedRows;
  private readonly access: AccessBatcher;
  private readonly direct: DirectWriteContext;
  reconciler: Reconciler;

  constructor(
    collection: Collection,
    embedder: Embedder,
    private readonly options: ChromaMemoryStoreOptions = {},
  ) {
    this.parts = openMemoryStoreParts(collection, embedder, options);
    this.rows = this.parts.rows;
    this.reconciler = options.reconciler ?? fallbackReconciler;
    this.direct = {
      rows: this.rows,
      lexical: this.parts.index,
      history: this.parts.history,
      newId: options.newId,
      maxEpisodesPerUser: options.maxEpisodesPerUser,
    };
    this.access = new AccessBatcher((userId, accesses) => applyAccess(this.parts, userId, accesses), {
      flushMs: options.accessFlushMs,
      logger: options.logger,
      what: "memories",
    });
  }

  private now(now?: string): string {
    return this.parts.now(now);
  }

  /** Runs a write under the user's lock, once the user is known not to wait for a reindex. */
  private locked<T>(userId: string, write: () => Promise<T>): Promise<T> {
    return this.parts.lock.run(userId, async () => {
      await this.options.unmigrated?.check(userId);
      return write();
    });
  }

  /**
   * Index search (Chroma is asked only while the user's index loads, or when the index is off). Hybrid: the vector neighbours and the BM25 hits over the user's memories are fused by reciprocal rank, then ranked
   * with importance and recency. minScore is a floor on cosine similarity, except that a BM25 hit matching at least half of the
   * query's IDF mass (its rare words: names, dates) is kept whatever its cosine. Filters apply to both channels.
   */
  search(query: string, options: MemorySearchOptions): Promise<ScoredMemory[]> {
    return searchStore(this.parts, query, options);
  }

  /** Loads the user's search index now (e.g. when a session starts) so later searches need no load; resolves when it is ready. */
  async warmUp(userId: string): Promise<void> {
    await this.parts.index?.get(userId);
  }

  /** Users whose lexical index is cached in this process, least recently searched first. */
  cachedLexicalUsers(): string[] {
    return this.parts.index?.users() ?? [];
  }

  write(
    userId: string,
    memories: NewMemory[],
    source: MemorySource = {},
    now?: string,
    actor: HistoryActor = "extraction",
  ): Promise<WriteOutcome[]> {
    const reconciler = this.reconciler;
    return this.locked(userId, () => writeReconciled(this.parts, reconciler, userId, memories, source, this.now(now), actor));
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

  /** Writes the queued access counts now. */
  flushAccess(): Promise<void> {
    return this.access.flush();
  }

  /** Writes pending access counts, sends the rows still waiting in the outbox, then snapshots the large indexes that changed. */
  async close(): Promise<void> {
    await this.access.close();
    await this.rows.close();
    await this.parts.index
      ?.saveAll()
      .catch((error: unknown) => this.options.logger?.warn(`Search index snapshots not written: ${(error as Error).message}`, error));
  }

  async list(userId: string): Promise<MemoryRecord[]> {
    return this.all({ userId, current: true, kind: "fact" });
  }

  /** Every memory matching a filter (current and superseded unless filtered), newest first. */
  all(filter: MemoryFilter): Promise<MemoryRecord[]> {
    return allMemories(this.parts, filter);
  }

  /** One memory by id, of any user. */
  async get(id: string): Promise<MemoryRecord | undefined> {
    return (await this.rows.byIds([id]))[0];
  }

  /** Changes a memory in place (re-embedding when the text changes); returns the new record, or undefined if it does not exist. */
  update(id: string, patch: MemoryPatch, now?: string): Promise<MemoryRecord | undefined> {
    return updateMemory(this.parts, id, patch, now);
  }

  /** Deletes one memory and erases its text from the history; returns whether it existed. */
  remove(id: string, now?: string): Promise<boolean> {
    return removeMemory(this.parts, id, now);
  }

  /** Ids of the user's memories expired at `now` (from the search index when it is loaded, else from Chroma). */
  expiredIds(userId: string, now?: string): Promise<string[]> {
    return expiredIdsOf(this.parts, userId, now);
  }

  /** Whether the user's search index is on but not loaded yet (expiredIds would then read the user's rows from Chroma). */
  indexPending(userId: string): boolean {
    return this.parts.index !== undefined && this.parts.index.peek(userId) === undefined;
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
    return this.parts.lock.run(userId, () => unimportRows(this.rows, userId, ids, previous));
  }

  /** Lowers the importance of memories left untouched (one user, or the given users); returns how many changed. */
  decay(userId: string, options: DecayOptions & { now?: string } = {}): Promise<number> {
    return decayMemories(this.parts, userId, options);
  }

  /** The learned profile; read from the in-process lexical index when it is on, so a turn costs no extra Chroma read. */
  profile(userId: string, options?: ProfileOptions): Promise<string> {
    return profileOf(this.parts, userId, options);
  }

  deleteUser(userId: string): Promise<number> {
    return this.parts.lock.run(userId, async () => {
      this.access.drop(userId);
      const removed = (await this.rows.removeUser(userId)) + ((await this.options.unmigrated?.deleteUser(userId)) ?? 0);
      await this.parts.history?.deleteUser(userId);
      return removed;
    });
  }
}
