import { StepClock } from "../step-clock.js";
import type { Bm25Index } from "./bm25.js";
import { bm25Idf, bm25Term } from "./bm25-score.js";
import { tokenize } from "./tokenize.js";
import { filteredTopK } from "../top-k.js";
import type { MemoryRecord } from "../../types.js";
import { NONE, ThreadChain } from "./thread-chain.js";
import { insertionPoint, samePlace, threadOf, threadOrder } from "./thread-order.js";

export { threadOrder } from "./thread-order.js";

/**
 * BM25 over neighbour windows: a memory's window is its text plus the current memories within `radius` of it in its source
 * thread (time order). Superseded memories and memories without a thread are windows of their own text only. Window term
 * frequencies are summed at query time from the postings of the memories' own texts along a linked list per thread, so
 * windows cost no index of their own.
 */
export class ThreadWindows {
  private readonly threads = new Map<string, MemoryRecord[]>();
  private readonly chain: ThreadChain;
  private totalLength = 0;
  private readonly df = new Map<string, number>();
  private acc = new Float64Array(0);
  private scores = new Float64Array(0);
  /** Node + 1 of the document in each BM25 slot, 0 when not looked up yet. */
  private slotNodes = new Int32Array(0);

  constructor(
    private readonly lookup: (id: string) => MemoryRecord | undefined,
    private readonly texts: Bm25Index,
    radius = 2,
  ) {
    this.chain = new ThreadChain(radius);
  }

  /** Indexes many records at once (the initial load of a user; their texts are already in the text index). */
  load(records: MemoryRecord[]): void {
    for (const _ of this.loadSteps(records)) continue;
  }

  /** The same load in steps of one time slice of `clock` each, so a caller can yield to the event loop between steps. */
  *loadSteps(records: MemoryRecord[], clock = new StepClock(Infinity)): Generator<void> {
    const slice = function* () {
      yield;
      clock.restart();
    };
    for (const r of records) {
      this.chain.node(r.id);
      const thread = threadOf(r);
      if (thread !== undefined) {
        if (!this.threads.has(thread)) this.threads.set(thread, []);
        this.threads.get(thread)!.push(r);
      }
      if (clock.due()) yield* slice();
    }
    for (const members of this.threads.values()) {
      members.sort(threadOrder);
      members.forEach((m, i) => this.chain.link(i > 0 ? members[i - 1]!.id : undefined, m.id, members[i + 1]?.id));
      if (clock.due(1)) yield* slice();
    }
    for (const r of records) {
      this.measure(r.id);
      if (clock.due(16)) yield* slice();
    }
  }

  /** Re-measures the windows a new or changed record takes part in (the lexicon already holds the new record). */
  upsert(record: MemoryRecord, previous?: MemoryRecord): void {
    const thread = threadOf(record);
    if (previous && samePlace(previous, record)) {
      const members = thread === undefined ? undefined : this.threads.get(thread);
      const at = members ? indexOf(members, previous) : -1;
      if (members && at >= 0) members[at] = record;
      return;
    }
    this.df.clear();
    this.chain.node(record.id);
    const touched = new Set<string>([record.id]);
    if (previous) this.detach(previous, touched);
    if (thread !== undefined) {
      const members = this.threads.get(thread) ?? [];
      this.threads.set(thread, members);
      const at = insertionPoint(members, record);
      members.splice(at, 0, record);
      this.chain.link(members[at - 1]?.id, record.id, members[at + 1]?.id);
      for (const id of this.windowIds(record.id)) touched.add(id);
    }
    for (const id of touched) this.measure(id);
  }

  /** Forgets a deleted record and re-measures its former neighbours' windows. */
  remove(record: MemoryRecord): void {
    this.df.clear();
    const touched = new Set<string>();
    this.detach(record, touched);
    this.totalLength -= this.chain.release(record.id) ?? 0;
    touched.delete(record.id);
    for (const id of touched) this.measure(id);
  }

  /** The text a memory is matched by in this channel. */
  windowText(id: string): string {
    return this.windowIds(id)
      .map((m) => this.lookup(m)?.content ?? "")
      .join("\n");
  }

  /** Inverse document frequency of a term over windows. */
  idf(term: string): number {
    let df = this.df.get(term);
    if (df === undefined) {
      const touched = this.windowTfs(term);
      for (const node of touched) this.acc[node] = 0;
      df = touched.length;
    }
    return bm25Idf(this.chain.nodeOf.size, df);
  }

  /** The best window hits for a query, best first (ties by id), among ids the filter accepts. */
  search(query: string, limit: number, filter: (id: string) => boolean): Array<{ id: string; score: number; matched: string[] }> {
    const { ids, lengths } = this.chain;
    const avg = this.totalLength / Math.max(1, this.chain.nodeOf.size) || 1;
    const params = this.texts.params;
    const queryTerms = new Map<string, number>();
    for (const t of tokenize(query)) queryTerms.set(t, (queryTerms.get(t) ?? 0) + 1);
    if (this.scores.length < ids.length) this.scores = new Float64Array(Math.max(1024, ids.length * 2));
    const scores = this.scores;
    const hit: number[] = [];
    for (const [term, qtf] of queryTerms) {
      const touched = this.windowTfs(term);
      this.df.set(term, touched.length);
      if (!touched.length) continue;
      const idf = this.idf(term);
      for (const node of touched) {
        const tf = this.acc[node]!;
        this.acc[node] = 0;
        const s = bm25Term(qtf, idf, tf, lengths[node]!, avg, params);
        if (scores[node] === 0) hit.push(node);
        scores[node] = scores[node]! + s;
      }
    }
    const order = (x: number, y: number) => scores[y]! - scores[x]! || (ids[x]! < ids[y]! ? -1 : 1);
    const best = filteredTopK(hit, limit, order, (node) => filter(ids[node]!));
    const out = best.map((node) => ({
      id: ids[node]!,
      score: scores[node]!,
      matched: [...queryTerms.keys()].filter((t) => this.windowIds(ids[node]!).some((m) => this.texts.contains(m, t))),
    }));
    for (const node of hit) scores[node] = 0;
    return out;
  }

  /** Adds each window's frequency of a term into `acc` (the caller zeroes it again) and returns the windows containing the term. */
  private windowTfs(term: string): number[] {
    const { ids, prev, next, radius } = this.chain;
    if (this.acc.length < ids.length) this.acc = new Float64Array(Math.max(1024, ids.length * 2));
    const acc = this.acc;
    const seen: number[] = [];
    const add = (node: number, tf: number) => {
      if (acc[node] === 0) seen.push(node);
      acc[node] = acc[node]! + tf;
    };
    this.texts.eachPosting(term, (id, tf, slot) => {
      const node = this.nodeOfSlot(id, slot);
      if (node < 0) return;
      add(node, tf);
      for (let p = prev[node]!, k = 0; p !== NONE && k < radius; p = prev[p]!, k++) add(p, tf);
      for (let n = next[node]!, k = 0; n !== NONE && k < radius; n = next[n]!, k++) add(n, tf);
    });
    return seen;
  }

  /** The node of a BM25 document, cached by its slot and checked against the id (slots and nodes are both reused). */
  private nodeOfSlot(id: string, slot: number): number {
    if (slot >= this.slotNodes.length) {
      const grown = new Int32Array(Math.max(1024, slot * 2));
      grown.set(this.slotNodes);
      this.slotNodes = grown;
    }
    const cached = this.slotNodes[slot]! - 1;
    if (cached >= 0 && this.chain.ids[cached] === id) return cached;
    const node = this.chain.nodeOf.get(id) ?? -1;
    this.slotNodes[slot] = node + 1;
    return node;
  }

  private windowIds(id: string): string[] {
    return this.chain.windowIds(id) ?? (this.lookup(id) ? [id] : []);
  }

  private measure(id: string): void {
    const node = this.chain.nodeOf.get(id);
    if (node === undefined) return;
    const length = this.windowIds(id).reduce((sum, m) => sum + this.texts.length(m), 0);
    this.totalLength += length - this.chain.lengths[node]!;
    this.chain.lengths[node] = length;
  }

  private detach(previous: MemoryRecord, touched: Set<string>): void {
    const thread = threadOf(previous);
    const members = thread === undefined ? undefined : this.threads.get(thread);
    const at = members ? indexOf(members, previous) : -1;
    if (!members || at < 0) return;
    for (const id of this.windowIds(previous.id)) touched.add(id);
    this.chain.unlink(this.chain.nodeOf.get(previous.id)!);
    members.splice(at, 1);
    if (!members.length) this.threads.delete(thread!);
  }
}

/** Position of a record among a thread's members (by its place in threadOrder, else by id), or -1. */
function indexOf(members: MemoryRecord[], record: MemoryRecord): number {
  const at = insertionPoint(members, record) - 1;
  if (at >= 0 && members[at]!.id === record.id) return at;
  return members.findIndex((m) => m.id === record.id);
}
