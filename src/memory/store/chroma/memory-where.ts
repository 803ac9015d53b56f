import type { Where } from "chromadb";
import type { MemoryKind, MemoryType } from "../../types.js";

/** Metadata conditions on a user's memory rows; absent fields do not filter. */
export interface MemoryFilter {
  userId: string;
  /** true: only current memories; false: only superseded ones; undefined: both. */
  current?: boolean;
  type?: MemoryType;
  /** "episode": only stored exchanges; "fact": only extracted memories (rows without a kind count as facts). */
  kind?: MemoryKind;
  category?: string;
  /** Exact subject (the person a memory is about or who said it). */
  subject?: string;
  contentHash?: string;
  /** Inclusive ISO bounds on createdAt. */
  createdFrom?: string;
  createdTo?: string;
  /** Inclusive ISO bounds on eventDate (memories without one are excluded when set). */
  eventFrom?: string;
  eventTo?: string;
}

const msOf = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
};

/** Builds the Chroma `where` clause for a memory filter. */
export function memoryWhere(filter: MemoryFilter): Where {
  const clauses: Where[] = [{ userId: { $eq: filter.userId } }];
  if (filter.current !== undefined) clauses.push({ current: { $eq: filter.current } });
  if (filter.type) clauses.push({ type: { $eq: filter.type } });
  if (filter.kind) clauses.push({ kind: filter.kind === "episode" ? { $eq: "episode" } : { $ne: "episode" } });
  if (filter.category) clauses.push({ category: { $eq: filter.category } });
  if (filter.subject) clauses.push({ subject: { $eq: filter.subject } });
  if (filter.contentHash) clauses.push({ contentHash: { $eq: filter.contentHash } });
  if (filter.createdFrom) clauses.push({ createdAtMs: { $gte: msOf(filter.createdFrom) } });
  if (filter.createdTo) clauses.push({ createdAtMs: { $lte: msOf(filter.createdTo) } });
  if (filter.eventFrom || filter.eventTo) clauses.push({ eventDateMs: { $gt: 0 } });
  if (filter.eventFrom) clauses.push({ eventDateMs: { $gte: msOf(filter.eventFrom) } });
  if (filter.eventTo) clauses.push({ eventDateMs: { $lte: msOf(filter.eventTo) } });
  return clauses.length === 1 ? clauses[0]! : { $and: clauses };
}
