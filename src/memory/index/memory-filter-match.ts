import type { MemoryFilter } from "../types.js";
import type { MemoryRecord } from "../types.js";

const msOf = (iso: string | null | undefined): number => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? ms : 0;
};

/** Whether a record satisfies a memory filter, with the same semantics as the Chroma `where` clause of memoryWhere. */
export function matchesFilter(record: MemoryRecord, filter: MemoryFilter): boolean {
  if (record.userId !== filter.userId) return false;
  if (filter.current !== undefined && !record.validUntil !== filter.current) return false;
  if (filter.type && record.type !== filter.type) return false;
  if (filter.kind && (record.kind ?? "fact") !== filter.kind) return false;
  if (filter.category && record.category !== filter.category) return false;
  if (filter.subject && record.subject !== filter.subject) return false;
  const created = msOf(record.createdAt);
  if (filter.createdFrom && created < msOf(filter.createdFrom)) return false;
  if (filter.createdTo && created > msOf(filter.createdTo)) return false;
  if (filter.eventFrom || filter.eventTo) {
    const event = msOf(record.eventDate);
    if (event <= 0) return false;
    if (filter.eventFrom && event < msOf(filter.eventFrom)) return false;
    if (filter.eventTo && event > msOf(filter.eventTo)) return false;
  }
  return true;
}
