import type { Logger } from "../../config/logger.js";
import type { HistoryLog } from "../ledger/history-log.js";
import type { RankingOptions } from "../ranking.js";
import type { Reconciler } from "../reconcile/reconciler-types.js";
import type { HybridSearchOptions } from "../retrieval/hybrid-search.js";
import type { OutboxOptions } from "../records/indexed-rows.js";
import type { IndexCacheOptions } from "../index/index-cache.js";
import type { UnmigratedUsers } from "../records/unmigrated-users.js";
import type { MemoryRecord } from "../types.js";

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
  search?: HybridSearchOptions & IndexCacheOptions;
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
export type MemoryPatch = Partial<
  Pick<MemoryRecord, "content" | "type" | "category" | "importance" | "eventDate" | "subject" | "expiresAt">
> & {
  /** The memory's own metadata, replacing what it had; null removes it. */
  metadata?: MemoryRecord["metadata"] | null;
};
