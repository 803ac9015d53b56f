import type { Embedder } from "../../providers/embedder.js";
import { DEFAULTS } from "../defaults.js";
import { IndexCache } from "../index/index-cache.js";
import { SnapshotStore } from "../index/snapshot/snapshot-store.js";
import { KeyedLock } from "../keyed-lock.js";
import type { HistoryLog } from "../ledger/history-log.js";
import { DEFAULT_RANKING, type RankingOptions } from "../ranking.js";
import type { Collection } from "../records/chroma/chroma-types.js";
import { IndexedRows } from "../records/indexed-rows.js";
import type { ChromaMemoryStoreOptions } from "./chroma-memory-store-options.js";

/** What ChromaMemoryStore's search, edit and write modules share: its rows, index, history, per-user lock and clock. */
export interface MemoryStoreParts {
  rows: IndexedRows;
  index?: IndexCache;
  history?: HistoryLog;
  lock: KeyedLock;
  options: ChromaMemoryStoreOptions;
  ranking: RankingOptions;
  /** Other processes may write the same Chroma (a finite maxAgeMs): results are checked against it before they are returned. */
  shared: boolean;
  now(now?: string): string;
}

/** The rows over a collection and, unless lexical search is off, the per-user index following their changes. */
export function openMemoryStoreParts(collection: Collection, embedder: Embedder, options: ChromaMemoryStoreOptions): MemoryStoreParts {
  const rows = new IndexedRows(collection, embedder, options.outbox && { logger: options.logger, ...options.outbox });
  let index: IndexCache | undefined;
  if (options.search?.lexical !== false) {
    index = new IndexCache(
      (userId, progress) => rows.findWithVectors({ userId }, progress),
      options.search,
      (userId, sinceMs) => rows.changedSince(userId, sinceMs),
      options.snapshotDir ? new SnapshotStore(options.snapshotDir, collection.name) : undefined,
    );
    index.follow(rows.changes);
  }
  const clock = options.clock ?? (() => new Date());
  return {
    rows,
    index,
    history: options.history,
    lock: new KeyedLock(),
    options,
    ranking: options.ranking ?? DEFAULT_RANKING,
    shared: Number.isFinite(options.search?.maxAgeMs ?? DEFAULTS.lexicalCache.maxAgeMs),
    now: (now) => now ?? clock().toISOString(),
  };
}
