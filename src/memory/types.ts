import { z } from "zod";

/** Kinds of long-term memory. */
export const MemoryType = z.enum(["fact", "preference", "task"]);
/** Kind of long-term memory. */
export type MemoryType = z.infer<typeof MemoryType>;

/** What a memory holds: an extracted fact (type fact, preference or task) or an episode (an exchange stored as said). */
export const MemoryKind = z.enum(["fact", "episode"]);
/** What a memory holds: an extracted fact or an episode. */
export type MemoryKind = z.infer<typeof MemoryKind>;

/** Built-in memory categories; any other lowercase word is accepted too. */
export const BUILTIN_CATEGORIES = [
  "personal", "work", "health", "hobby", "food", "travel", "relationships", "other",
] as const;
/** A memory category: one of BUILTIN_CATEGORIES or any other lowercase word. */
export type MemoryCategory = (typeof BUILTIN_CATEGORIES)[number] | (string & {});

/** One long-term memory of one user, as stored. */
export interface MemoryRecord {
  id: string;
  userId: string;
  content: string;
  type: MemoryType;
  category: string;
  importance: number;
  createdAt: string;
  updatedAt: string;
  lastAccessedAt: string | null;
  accessCount: number;
  source: { threadId?: string; messageIds?: string[] };
  /** "episode" for a stored exchange; absent or "fact" for an extracted memory. */
  kind?: MemoryKind;
  /** Date the memory refers to (ISO), when it is about a point in time. */
  eventDate?: string | null;
  /** The person the memory is about or who said it (e.g. a speaker's name in a multi-party conversation); null when unknown. */
  subject?: string | null;
  /** When the memory became true; a superseded memory keeps its validity window instead of being erased. */
  validFrom?: string | null;
  /** When the memory stopped being true (superseded); null while current. */
  validUntil?: string | null;
  /** When the decay job last lowered the importance. */
  decayedAt?: string | null;
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
  /** The query named this memory's subject (and no other subject of the user), so its relevance was multiplied by `boost`. */
  subject?: { name: string; boost: number };
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
  kind?: MemoryKind;
  /** Text of an earlier memory this one replaces (a gold hint for oracle runs without a model). */
  supersedes?: string | null;
}

/** Whether an entity is part of the user's life now, or only was (a job they left, a venue they dropped). */
export const EntityStatus = z.enum(["current", "former"]);
/** Whether an entity is part of the user's life now, or only was. */
export type EntityStatus = z.infer<typeof EntityStatus>;

/** A person, place or thing the user mentioned, with what is known of it. */
export interface EntityRecord {
  id: string;
  userId: string;
  name: string;
  kind: string;
  attributes: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  lastAccessedAt: string | null;
  accessCount: number;
  /** "former" once the user said it is in their past; absent means current. */
  status?: EntityStatus;
  /** When the entity became former; null while current. */
  validUntil?: string | null;
}

/** An entity as extraction reports it, before merging. */
export interface EntityUpdate {
  name: string;
  kind: string;
  attributes: Record<string, string>;
  /** "former" when the message says it is in the user's past, "current" when it says it is (again) present; absent when unsaid. */
  status?: EntityStatus | null;
}
