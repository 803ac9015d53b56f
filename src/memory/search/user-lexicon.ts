import { Bm25Index } from "../retrieval/bm25.js";
import { tokenize } from "../retrieval/tokenize.js";
import type { MemoryFilter } from "../chroma/memory-where.js";
import type { MemoryRecord } from "../types.js";
import { matchesFilter } from "./memory-filter-match.js";

/** One BM25 hit on a user's memory, with the share of the query's IDF mass it matched. */
export interface LexicalHit {
  record: MemoryRecord;
  score: number;
  matched: string[];
  /** Sum of IDF of matched query terms over the IDF of all query terms (unknown terms count as rarest), 0..1. */
  coverage: number;
}

/** BM25 index over every memory of one user (current and superseded) plus the records, for filtered lexical search. */
export class UserLexicon {
  private readonly bm25 = new Bm25Index();
  private readonly records = new Map<string, MemoryRecord>();

  constructor(records: MemoryRecord[]) {
    for (const r of records) this.upsert(r);
  }

  /** Number of memories indexed. */
  get size(): number {
    return this.records.size;
  }

  /** Adds or replaces a memory (re-tokenizing only when the text changed). */
  upsert(record: MemoryRecord): void {
    const previous = this.records.get(record.id);
    this.records.set(record.id, record);
    if (previous?.content !== record.content) this.bm25.add(record.id, record.content);
  }

  /** Removes a memory; returns whether it was indexed. */
  remove(id: string): boolean {
    this.bm25.remove(id);
    return this.records.delete(id);
  }

  /** Whether a memory id is indexed. */
  has(id: string): boolean {
    return this.records.has(id);
  }

  /** The indexed record of a memory id. */
  get(id: string): MemoryRecord | undefined {
    return this.records.get(id);
  }

  /** The best BM25 hits among memories matching the filter, best first. */
  search(query: string, filter: MemoryFilter, limit: number): LexicalHit[] {
    const terms = [...new Set(tokenize(query))];
    if (!terms.length || !this.records.size) return [];
    const rarest = Math.log(1 + (this.records.size + 0.5) / 0.5);
    const idf = new Map(terms.map((t) => [t, this.bm25.idf(t) || rarest]));
    const total = [...idf.values()].reduce((a, b) => a + b, 0);
    const hits = this.bm25.search(query, limit, (id) => matchesFilter(this.records.get(id)!, filter));
    return hits.map((h) => {
      const matched = [...new Set(h.matched)];
      const coverage = matched.reduce((s, t) => s + (idf.get(t) ?? 0), 0) / total;
      return { record: this.records.get(h.id)!, score: h.score, matched, coverage };
    });
  }
}
