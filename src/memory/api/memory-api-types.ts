import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { Logger } from "../../config/logger.js";
import type { ChromaEntityStore } from "../store/chroma-entity-store.js";
import type { ChromaMemoryStore } from "../store/chroma-memory-store.js";
import type { EntityExtractor, FactExtractor } from "../extraction/extractor-types.js";
import type { Ledger } from "../ledger/open-ledger.js";
import type { MemoryKind, MemoryRecord, MemoryType } from "../types.js";

/** A chat message as `add` accepts it. */
export interface ApiMessage {
  role: "user" | "assistant" | "system" | "human" | "ai";
  content: string;
}

/** Options of `MemoryApi.add`. */
export interface AddOptions {
  userId: string;
  /** true (default): extract memories with the model and reconcile them; false: store the text as one memory, as is. */
  infer?: boolean;
  /** Where the text came from and, for infer=false, how to file it. */
  metadata?: {
    threadId?: string;
    messageIds?: string[];
    type?: MemoryType;
    category?: string;
    importance?: number;
    eventDate?: string | null;
    /** Who the text is about or who said it (a speaker's name); with infer=true, the default for memories extracted without one. */
    subject?: string | null;
  };
  /** ISO time of the messages, for resolving relative dates; defaults to now. */
  now?: string;
}

/** Options of `MemoryApi.search`. */
export interface ApiSearchOptions {
  userId: string;
  limit?: number;
  /** Minimum similarity (cosine, -1..1) of a result. */
  minScore?: number;
  filters?: {
    type?: MemoryType;
    /** "fact": only extracted memories; "episode": only stored exchanges; both when absent. */
    kind?: MemoryKind;
    category?: string;
    /** Only memories with exactly this subject. */
    subject?: string;
    /** Inclusive ISO bounds on when the memory was stored. */
    createdFrom?: string;
    createdTo?: string;
    /** Inclusive ISO bounds on the memory's event date. */
    eventFrom?: string;
    eventTo?: string;
    /** Also return superseded memories. */
    includeHistorical?: boolean;
  };
  now?: string;
}

/** Options of `MemoryApi.list`. */
export interface ListOptions {
  userId: string;
  limit?: number;
  offset?: number;
  type?: MemoryType;
  /** "fact": only extracted memories; "episode": only stored exchanges; both when absent. */
  kind?: MemoryKind;
  category?: string;
  includeHistorical?: boolean;
}

/** One page of a user's memories, newest first. */
export interface MemoryPage {
  items: MemoryRecord[];
  total: number;
  /** Offset of the next page, or null at the end. */
  nextOffset: number | null;
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
  logger?: Logger;
  clock?: () => Date;
}
