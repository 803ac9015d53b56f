import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { Logger } from "../../config/logger.js";
import type { ChromaEntityStore } from "../store/chroma-entity-store.js";
import type { ChromaMemoryStore } from "../store/chroma-memory-store.js";
import type { EntityExtractor, FactExtractor } from "../extraction/extractor-types.js";
import type { Ledger } from "../ledger/open-ledger.js";
import type { UserRuns } from "../ledger/user-runs.js";
import type { AddMetadata } from "../field-limits.js";
import type { SearchFilters } from "../filters/parse-filter.js";
import type { MemoryFilters, MemoryRecord } from "../types.js";

export type { ApiMessage } from "./add-input.js";
import type { ScopeOptions } from "./scope.js";

/** Expiry options of a write: an ISO instant, or a lifetime in seconds from the write (not both). */
export interface ExpiryOptions {
  /** When the memory expires (ISO date or date-time). */
  expiresAt?: string | null;
  /** How long the memory lives, in seconds from the write. */
  ttlSeconds?: number;
}

/** Options of `MemoryApi.add`: expiresAt or ttlSeconds make every memory written expire. */
export interface AddOptions extends ExpiryOptions, ScopeOptions {
  userId: string;
  /** true (default): extract memories with the model and reconcile them; false: store the text as one memory, as is. */
  infer?: boolean;
  /** Where the text came from and, for infer=false, how to file it. */
  metadata?: AddMetadata;
  /** ISO time of the messages, for resolving relative dates; defaults to now. */
  now?: string;
}

/** One text for `MemoryApi.addMany`, filed like `add` with infer=false. */
export interface AddManyItem extends ExpiryOptions {
  text: string;
  metadata?: AddOptions["metadata"];
}

/** Options of `MemoryApi.addMany`. */
export interface AddManyOptions extends ScopeOptions {
  userId: string;
  /** ISO time the memories are stored at; defaults to now. */
  now?: string;
}

/** Options of `MemoryApi.search`: agentId and runId narrow it to that scope. */
export interface ApiSearchOptions extends ScopeOptions {
  userId: string;
  /** Most results to return (default DEFAULTS.searchLimit). */
  limit?: number;
  /** Minimum similarity (cosine, -1..1) of a result. */
  minScore?: number;
  /** Filters in the filter language (parseFilter); includeHistorical also returns superseded memories. Anything unknown throws InvalidInputError. */
  filters?: SearchFilters;
  now?: string;
}

/** Options of `MemoryApi.list`. */
export interface ListOptions extends ScopeOptions {
  userId: string;
  limit?: number;
  offset?: number;
  type?: MemoryFilters["type"];
  /** "fact": only extracted memories; "episode": only stored exchanges; both when absent. */
  kind?: MemoryFilters["kind"];
  category?: MemoryFilters["category"];
  includeHistorical?: boolean;
  /** The same filters as search's; combined with the fields above. */
  filters?: SearchFilters;
}

/** Options of the by-id calls (`get`, `update`, `delete`, `history`): the user they act for; another user's id reads as missing. */
export interface ByIdOptions {
  userId: string;
}

/** One page of a user's memories, newest first. */
export interface MemoryPage {
  items: MemoryRecord[];
  total: number;
  /** Offset of the next page, or null at the end. */
  nextOffset: number | null;
}

/** Options of `MemoryApi.deleteUser`. */
export interface DeleteUserOptions {
  /** Deletes one of the user's threads where it lives (e.g. a LangGraph server's own thread store); defaults to the checkpointer's deleteThread. */
  deleteThread?: (threadId: string) => Promise<unknown>;
}

/** How much `deleteUser` removed from each store. */
export interface DeleteUserReport {
  memories: number;
  entities: number;
  threads: number;
  queuedJobs: number;
}

/** What the memory API works on. */
export interface MemoryApiDeps {
  memory: ChromaMemoryStore;
  entities: ChromaEntityStore;
  ledger: Ledger;
  /** Needed to delete a user's conversation threads. */
  checkpointer?: BaseCheckpointSaver;
  /** Needed for add with infer=true. */
  factExtractor?: FactExtractor;
  /** When given, add with infer=true also updates entity memory. */
  entityExtractor?: EntityExtractor;
  /** Background extraction, whose pending work for a user is dropped by deleteUser. */
  background?: { forgetUser(userId: string): Promise<number> };
  /** The user's graph runs in flight; deleteUser waits for them and holds new ones until it is done. */
  runs?: UserRuns;
  logger?: Logger;
  clock?: () => Date;
  /** true lets reset() erase every user (tests only); reset refuses otherwise. */
  allowReset?: boolean;
}
