import { tokenize } from "./tokenize.js";

/** BM25 parameters and the tokenizer used for documents and queries. */
export interface Bm25Options {
  k1?: number;
  b?: number;
  tokenizer?: (text: string) => string[];
}

/** One BM25 hit. */
export interface Bm25Hit {
  id: string;
  score: number;
  /** Query terms that matched this document. */
  matched: string[];
}

/** Incremental Okapi BM25 index over documents identified by id. */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly tokenizer: (text: string) => string[];
  private readonly docs = new Map<string, { terms: Map<string, number>; length: number }>();
  private readonly postings = new Map<string, Map<string, number>>();
  private totalLength = 0;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.tokenizer = options.tokenizer ?? tokenize;
  }

  /** Number of indexed documents. */
  get size(): number {
    return this.docs.size;
  }

  /** Whether a document id is indexed. */
  has(id: string): boolean {
    return this.docs.has(id);
  }

  /** Adds a document, replacing any previous document with the same id. */
  add(id: string, text: string): void {
    this.remove(id);
    const tokens = this.tokenizer(text);
    const terms = new Map<string, number>();
    for (const t of tokens) terms.set(t, (terms.get(t) ?? 0) + 1);
    for (const [t, n] of terms) {
      let posting = this.postings.get(t);
      if (!posting) this.postings.set(t, (posting = new Map()));
      posting.set(id, n);
    }
    this.docs.set(id, { terms, length: tokens.length });
    this.totalLength += tokens.length;
  }

  /** Removes a document; returns whether it was present. */
  remove(id: string): boolean {
    const doc = this.docs.get(id);
    if (!doc) return false;
    for (const t of doc.terms.keys()) {
      const posting = this.postings.get(t);
      posting?.delete(id);
      if (posting && posting.size === 0) this.postings.delete(t);
    }
    this.docs.delete(id);
    this.totalLength -= doc.length;
    return true;
  }

  /** Inverse document frequency of an already tokenized term (0 when unseen). */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    if (!df) return 0;
    return Math.log(1 + (this.docs.size - df + 0.5) / (df + 0.5));
  }

  /** Ranks documents for a query, best first; `filter` restricts which ids may be returned. */
  search(query: string, limit = 10, filter?: (id: string) => boolean): Bm25Hit[] {
    const avg = this.totalLength / Math.max(1, this.docs.size) || 1;
    const scores = new Map<string, Bm25Hit>();
    const queryTerms = new Map<string, number>();
    for (const t of this.tokenizer(query)) queryTerms.set(t, (queryTerms.get(t) ?? 0) + 1);
    for (const [term, qtf] of queryTerms) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term);
      for (const [id, tf] of posting) {
        if (filter && !filter(id)) continue;
        const length = this.docs.get(id)!.length;
        const s = (qtf * idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * length) / avg));
        const hit = scores.get(id);
        if (hit) {
          hit.score += s;
          hit.matched.push(term);
        } else scores.set(id, { id, score: s, matched: [term] });
      }
    }
    return [...scores.values()].sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1)).slice(0, limit);
  }
}
