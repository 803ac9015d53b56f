import type { Where } from "chromadb";
import type { MemoryFilter } from "../../types.js";

export type { MemoryFilter } from "../../types.js";

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
