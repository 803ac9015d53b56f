import type { EpisodeInput } from "./episodes.js";
import type { FilterNode } from "./filter-node.js";
import type { ProfileOptions } from "./user-profile.js";
import type { EntityRecord, EntityUpdate, MemoryAction, MemoryFilters, MemoryRecord, NewMemory, ScoredMemory } from "./types.js";

/** Where a memory came from. */
export interface MemorySource {
  threadId?: string;
  messageIds?: string[];
}

/** Filters and limits for a long-term memory search. */
export interface MemorySearchOptions extends MemoryFilters {
  userId: string;
  /** A parsed filter (src/memory/filters) on top of the fields. */
  where?: FilterNode;
  /** Most results to return (default DEFAULTS.searchLimit). */
  limit?: number;
  minScore?: number;
  /** Include superseded (closed) memories; off by default. */
  includeHistorical?: boolean;
  /** Reference time for recency, ISO; defaults to now. */
  now?: string;
}

/** What happened to one candidate memory when it was written. */
export interface WriteOutcome {
  action: MemoryAction;
  /** The memory written, updated, deleted, or that already held the fact. */
  id?: string;
  /** For SUPERSEDE: the memory that was closed. */
  replacedId?: string;
  content: string;
  /** Set when reconciliation failed and nothing was changed. */
  error?: string;
}

/** Long-term semantic memory of facts, preferences and tasks, per user. */
export interface LongTermMemory {
  /** Finds the user's memories most relevant to a query, best first. */
  search(query: string, options: MemorySearchOptions): Promise<ScoredMemory[]>;
  /** Writes extracted memories for a user, deduplicating against what is known. */
  write(userId: string, memories: NewMemory[], source?: MemorySource, now?: string): Promise<WriteOutcome[]>;
  /** Stores an exchange as said, as an episode of the user: no model call, no reconciliation. */
  storeEpisode(userId: string, episode: EpisodeInput, source?: MemorySource, now?: string): Promise<WriteOutcome>;
  /** Records that these memories were shown to the model. */
  recordAccess(userId: string, ids: string[], now?: string): Promise<void>;
  /** Every current extracted memory (facts, not episodes) of a user, newest first. */
  list(userId: string): Promise<MemoryRecord[]>;
  /** A compact profile of the user built from their memories, for a system prompt. */
  profile(userId: string, options?: ProfileOptions): Promise<string>;
  /** Removes every memory of a user; returns how many were removed. */
  deleteUser(userId: string): Promise<number>;
}

/** Entity memory: people, places and things a user mentioned, with their attributes. */
export interface EntityMemory {
  /** The user's entities relevant to a message: named in it, or semantically close. */
  relevant(userId: string, text: string, limit: number): Promise<EntityRecord[]>;
  /** Merges entity updates into the user's entity memory; returns the stored records. */
  merge(userId: string, updates: EntityUpdate[], now?: string): Promise<EntityRecord[]>;
  /** Records that these entities were shown to the model. */
  recordAccess(userId: string, ids: string[], now?: string): Promise<void>;
  /** Every entity of a user. */
  list(userId: string): Promise<EntityRecord[]>;
  /** Removes every entity of a user; returns how many were removed. */
  deleteUser(userId: string): Promise<number>;
}
