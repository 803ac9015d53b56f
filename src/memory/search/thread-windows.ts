import { Bm25Index } from "./bm25.js";
import type { MemoryRecord } from "../types.js";

const collator = new Intl.Collator("en", { numeric: true });

/** Time order of memories within one thread: stored first, then by first source message id (numeric-aware), then id. */
export function threadOrder(a: MemoryRecord, b: MemoryRecord): number {
  return (
    a.createdAt.localeCompare(b.createdAt) ||
    collator.compare(a.source.messageIds?.[0] ?? "", b.source.messageIds?.[0] ?? "") ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const threadOf = (r: MemoryRecord | undefined): string | undefined => (r && !r.validUntil ? r.source.threadId : undefined);

const samePlace = (a: MemoryRecord, b: MemoryRecord): boolean =>
  a.content === b.content &&
  threadOf(a) === threadOf(b) &&
  a.createdAt === b.createdAt &&
  a.source.messageIds?.[0] === b.source.messageIds?.[0];

/** Where a record goes in a thread's members (kept in threadOrder), by binary search. */
function insertionPoint(members: MemoryRecord[], record: MemoryRecord): number {
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (threadOrder(members[mid]!, record) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of a record (by its place in threadOrder, then id) among a thread's members, or -1. */
function indexOf(members: MemoryRecord[], record: MemoryRecord): number {
  const at = insertionPoint(members, record) - 1;
  if (at >= 0 && members[at]!.id === record.id) return at;
  return members.findIndex((m) => m.id === record.id);
}

/**
 * BM25 over neighbour windows: a memory's window is its text plus the current memories within `radius` of it in its source
 * thread (time order). Superseded memories and memories without a thread are windows of their own text only.
 */
export class ThreadWindows {
  private readonly index = new Bm25Index();
  private readonly threads = new Map<string, MemoryRecord[]>();

  constructor(
    private readonly lookup: (id: string) => MemoryRecord | undefined,
    private readonly tokensOf: (id: string) => readonly string[],
    private readonly radius = 2,
  ) {}

  /** Indexes many records at once (the initial load of a user): each thread is sorted once and its windows built in one pass. */
  load(records: MemoryRecord[]): void {
    for (const _ of this.loadSteps(records)) continue;
  }

  /** The same load in steps of about `every` records, so a caller can yield to the event loop between steps. */
  *loadSteps(records: MemoryRecord[], every = 1_000): Generator<void> {
    let done = 0;
    for (const r of records) {
      const thread = threadOf(r);
      if (thread === undefined) {
        this.index.addTokens(r.id, this.tokensOf(r.id));
        if (++done % every === 0) yield;
        continue;
      }
      if (!this.threads.has(thread)) this.threads.set(thread, []);
      this.threads.get(thread)!.push(r);
    }
    for (const members of this.threads.values()) {
      members.sort(threadOrder);
      yield;
      for (let at = 0; at < members.length; at++) {
        this.index.addTokens(members[at]!.id, this.windowTokens(members, at));
        if (++done % every === 0) yield;
      }
    }
  }

  /** Re-indexes the windows a new or changed record takes part in (the lexicon already holds the new record). */
  upsert(record: MemoryRecord, previous?: MemoryRecord): void {
    if (previous && samePlace(previous, record)) {
      this.replaceMember(record);
      return;
    }
    const touched = new Set<string>([record.id]);
    if (previous) this.detach(previous, touched);
    const thread = threadOf(record);
    if (thread !== undefined) {
      const members = this.threads.get(thread) ?? [];
      this.threads.set(thread, members);
      const at = insertionPoint(members, record);
      members.splice(at, 0, record);
      this.around(members, at, touched);
    }
    this.reindex(touched);
  }

  /** Forgets a deleted record and re-indexes its former neighbours. */
  remove(record: MemoryRecord): void {
    const touched = new Set<string>();
    this.detach(record, touched);
    this.index.remove(record.id);
    touched.delete(record.id);
    this.reindex(touched);
  }

  /** The text a memory is matched by in this channel. */
  windowText(id: string): string {
    const record = this.lookup(id);
    if (!record) return "";
    const members = this.threads.get(threadOf(record) ?? "");
    const at = members ? indexOf(members, record) : -1;
    if (!members || at < 0) return record.content;
    return members
      .slice(Math.max(0, at - this.radius), at + this.radius + 1)
      .map((m) => m.content)
      .join("\n");
  }

  /** Inverse document frequency of a term over windows. */
  idf(term: string): number {
    return this.index.idf(term);
  }

  /** The best window hits for a query, best first, among ids the filter accepts. */
  search(query: string, limit: number, filter: (id: string) => boolean): Array<{ id: string; score: number; matched: string[] }> {
    return this.index.search(query, limit, filter);
  }

  private reindex(ids: Set<string>): void {
    for (const id of ids) {
      const record = this.lookup(id);
      if (!record) continue;
      const members = this.threads.get(threadOf(record) ?? "");
      const at = members ? indexOf(members, record) : -1;
      this.index.addTokens(id, members && at >= 0 ? this.windowTokens(members, at) : this.tokensOf(id));
    }
  }

  private windowTokens(members: MemoryRecord[], at: number): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, at - this.radius); i <= Math.min(members.length - 1, at + this.radius); i++)
      out.push(...this.tokensOf(members[i]!.id));
    return out;
  }

  private replaceMember(record: MemoryRecord): void {
    const members = this.threads.get(threadOf(record) ?? "");
    const at = members ? indexOf(members, record) : -1;
    if (members && at >= 0) members[at] = record;
  }

  private detach(previous: MemoryRecord, touched: Set<string>): void {
    const thread = threadOf(previous);
    const members = thread === undefined ? undefined : this.threads.get(thread);
    const at = members ? indexOf(members, previous) : -1;
    if (!members || at < 0) return;
    this.around(members, at, touched);
    members.splice(at, 1);
    if (!members.length) this.threads.delete(thread!);
  }

  private around(members: MemoryRecord[], at: number, touched: Set<string>): void {
    for (let i = Math.max(0, at - this.radius); i <= Math.min(members.length - 1, at + this.radius); i++) touched.add(members[i]!.id);
  }
}
