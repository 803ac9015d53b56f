import type { MemoryRecord } from "../../types.js";

const collator = new Intl.Collator("en", { numeric: true });

/** Time order of memories within one thread: stored first, then by first source message id (numeric-aware), then id. */
export function threadOrder(a: MemoryRecord, b: MemoryRecord): number {
  return (
    a.createdAt.localeCompare(b.createdAt) ||
    collator.compare(a.source.messageIds?.[0] ?? "", b.source.messageIds?.[0] ?? "") ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The thread a memory belongs to for windows: current memories only. */
export const threadOf = (r: MemoryRecord | undefined): string | undefined => (r && !r.validUntil ? r.source.threadId : undefined);

/** Whether a changed record keeps its text and its place in its thread (so no window changes). */
export const samePlace = (a: MemoryRecord, b: MemoryRecord): boolean =>
  a.content === b.content &&
  threadOf(a) === threadOf(b) &&
  a.createdAt === b.createdAt &&
  a.source.messageIds?.[0] === b.source.messageIds?.[0];

/** Where a record goes in a thread's members (kept in threadOrder), by binary search. */
export function insertionPoint(members: MemoryRecord[], record: MemoryRecord): number {
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (threadOrder(members[mid]!, record) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
