import { z } from "zod";
import type { FilterNode } from "./filter-node.js";

import {
  EntityRecordSchema,
  EntityStatus,
  HistoryAction,
  HistoryActor,
  HistoryEventSchema,
  MemoryAction,
  MemoryFiltersSchema,
  MemoryKind,
  MemoryRecordSchema,
  MemoryType,
} from "./schemas.js";

export {
  EntityRecordSchema,
  EntityStatus,
  HistoryAction,
  HistoryActor,
  HistoryEventSchema,
  MemoryAction,
  MemoryFiltersSchema,
  MemoryKind,
  MemoryRecordSchema,
  MemoryType,
};

/** Kind of long-term memory. */
export type MemoryType = z.infer<typeof MemoryType>;
/** Whether an entity is part of the user's life now, or only was. */
export type EntityStatus = z.infer<typeof EntityStatus>;
/** What a write did with one candidate memory: ADD, UPDATE, SUPERSEDE, DELETE or NONE. */
export type MemoryAction = z.infer<typeof MemoryAction>;
/** An action recorded in the memory history. */
export type HistoryAction = z.infer<typeof HistoryAction>;
/** Who caused a memory change. */
export type HistoryActor = z.infer<typeof HistoryActor>;

/** What a memory holds: an extracted fact or an episode. */
export type MemoryKind = z.infer<typeof MemoryKind>;

/** Built-in memory categories; any other lowercase word is accepted too. */
export const BUILTIN_CATEGORIES = ["personal", "work", "health", "hobby", "food", "travel", "relationships", "other"] as const;
/** A memory category: one of BUILTIN_CATEGORIES or any other lowercase word. */
export type MemoryCategory = (typeof BUILTIN_CATEGORIES)[number] | (string & {});

/** One long-term memory of one user, as stored. */
export type MemoryRecord = z.infer<typeof MemoryRecordSchema>;

/** A person, place or thing the user mentioned, with what is known of it. */
export type EntityRecord = z.infer<typeof EntityRecordSchema>;

/** One audited change to one memory; `content` is the text after the change and is erased when the memory is deleted. */
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;

/** Metadata filters on a user's memories: type, category, subject, stored-at and event-date bounds. */
export type MemoryFilters = z.infer<typeof MemoryFiltersSchema>;

/** Metadata conditions on a user's memory rows (the filters plus owner, currency and exact content); absent fields do not filter. */
export interface MemoryFilter extends MemoryFilters {
  userId: string;
  /** true: only current memories; false: only superseded ones; undefined: both. */
  current?: boolean;
  contentHash?: string;
  /** A parsed filter of the filter language (src/memory/filters), on top of the fields above. */
  where?: FilterNode;
  /** Only memories not expired at this ISO time. */
  liveAt?: string;
}

/** Which retrieval channels found a search result, and how each ranked it. */
export interface SearchChannels {
  /** Rank (1-based) among the vector neighbours. */
  vector?: { rank: number; similarity: number };
  /** Rank (1-based) among the BM25 hits, the words matched and their share of the query's IDF mass (0..1). */
  bm25?: { rank: number; score: number; matched: string[]; coverage: number };
  /** Rank among the BM25 hits on thread windows (the memory's text plus its neighbours' in the same thread). */
  window?: { rank: number; score: number; matched: string[] };
  /** Best rank reached through another memory from the same source message (e.g. a fact pointing at a stored turn), and that memory. */
  source?: { rank: number; via: string };
  /** The memory's session (thread and day) is among the best few by its fused hits, so its relevance was multiplied by `boost`. */
  session?: { rank: number; boost: number };
  /** The query named this memory's subject (and no other subject of the user), so its relevance was multiplied by `boost`. */
  subject?: { name: string; boost: number };
  /** The memory is dated within a day or month the query names (e.g. "in May 2023"), so its relevance was multiplied by `boost`. */
  time?: { named: string; boost: number };
}

/** A memory returned by a search, with its scores and why it was chosen. */
export interface ScoredMemory extends MemoryRecord {
  score: number;
  /** Cosine similarity of the memory's vector to the query vector. */
  similarity: number;
  /** Fused relevance in 0..1 (times the subject boost when the query names the memory's subject) before importance and recency; the similarity itself when search is vector-only. */
  relevance?: number;
  channels?: SearchChannels;
  why: string;
}

/** A candidate memory produced by extraction, before it is stored. */
export interface NewMemory {
  content: string;
  type: MemoryType;
  category: string;
  importance: number;
  eventDate?: string | null;
  /** The person the memory is about or who said it. */
  subject?: string | null;
  /** "episode" for an exchange stored as said (no reconciliation); absent for extracted memories. */
  kind?: MemoryRecord["kind"];
  /** Text of an earlier memory this one replaces (a gold hint for oracle runs without a model). */
  supersedes?: string | null;
  /** The caller's own JSON metadata, stored with the memory. */
  metadata?: MemoryRecord["metadata"];
  /** When the memory expires (ISO). */
  expiresAt?: string | null;
  /** The agent and run the memory was written for. */
  agentId?: string | null;
  runId?: string | null;
}

/** An entity as extraction reports it, before merging. */
export interface EntityUpdate {
  name: string;
  kind: string;
  attributes: Record<string, string>;
  /** "former" when the message says it is in the user's past, "current" when it says it is (again) present; absent when unsaid. */
  status?: EntityStatus | null;
}
