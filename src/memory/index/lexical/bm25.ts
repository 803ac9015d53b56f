import { BM25_DEFAULTS, bm25Idf, bm25Term, type Bm25Params } from "./bm25-score.js";
import { tokenize } from "./tokenize.js";
import { filteredTopK } from "../top-k.js";

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

interface Posting {
  slots: number[];
  tfs: number[];
  df: number;
}

/** Removed documents tolerated in the posting lists before they are compacted. */
const COMPACT_AFTER = 4_096;

/**
 * Incremental Okapi BM25 index over documents identified by id. Documents live in numbered slots with array posting lists;
 * a removal only marks its slot dead, and the lists are compacted once dead slots outnumber live ones.
 */
export class Bm25Index {
  /** The k1 and b this index scores with (thread windows over it score with the same). */
  readonly params: Readonly<Bm25Params>;
  private readonly tokenizer: (text: string) => string[];
  private readonly slotOf = new Map<string, number>();
  private ids: Array<string | undefined> = [];
  private lengths: number[] = [];
  private terms: Array<string[] | undefined> = [];
  private readonly postings = new Map<string, Posting>();
  private totalLength = 0;
  private dead = 0;
  private scratch = new Float64Array(0);

  constructor(options: Bm25Options = {}) {
    this.params = { k1: options.k1 ?? BM25_DEFAULTS.k1, b: options.b ?? BM25_DEFAULTS.b };
    this.tokenizer = options.tokenizer ?? tokenize;
  }

  /** Number of indexed documents. */
  get size(): number {
    return this.slotOf.size;
  }

  /** Whether a document id is indexed. */
  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds a document, replacing any previous document with the same id. */
  add(id: string, text: string): void {
    this.addTokens(id, this.tokenizer(text));
  }

  /** Adds a document from its already tokenized text, replacing any previous document with the same id. */
  addTokens(id: string, tokens: readonly string[]): void {
    this.remove(id);
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    const slot = this.ids.length;
    for (const [t, n] of counts) {
      let posting = this.postings.get(t);
      if (!posting) this.postings.set(t, (posting = { slots: [], tfs: [], df: 0 }));
      posting.slots.push(slot);
      posting.tfs.push(n);
      posting.df++;
    }
    this.ids.push(id);
    this.lengths.push(tokens.length);
    this.terms.push([...counts.keys()]);
    this.slotOf.set(id, slot);
    this.totalLength += tokens.length;
  }

  /** Removes a document; returns whether it was present. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    for (const t of this.terms[slot]!) {
      const posting = this.postings.get(t)!;
      if (--posting.df === 0) this.postings.delete(t);
    }
    this.totalLength -= this.lengths[slot]!;
    this.ids[slot] = undefined;
    this.terms[slot] = undefined;
    this.lengths[slot] = -1;
    this.slotOf.delete(id);
    if (++this.dead >= COMPACT_AFTER && this.dead > this.slotOf.size) this.compact();
    return true;
  }

  /** Calls `fn` with the id, term frequency and slot (stable until the lists are compacted) of every document containing an already tokenized term. */
  eachPosting(term: string, fn: (id: string, tf: number, slot: number) => void): void {
    const posting = this.postings.get(term);
    if (!posting) return;
    for (let i = 0; i < posting.slots.length; i++) {
      const slot = posting.slots[i]!;
      if (this.lengths[slot]! >= 0) fn(this.ids[slot]!, posting.tfs[i]!, slot);
    }
  }

  /** Whether a document contains an already tokenized term. */
  contains(id: string, term: string): boolean {
    const slot = this.slotOf.get(id);
    return slot !== undefined && this.terms[slot]!.includes(term);
  }

  /** Token count of a document (0 when absent). */
  length(id: string): number {
    const slot = this.slotOf.get(id);
    return slot === undefined ? 0 : this.lengths[slot]!;
  }

  /** Inverse document frequency of an already tokenized term (0 when unseen). */
  idf(term: string): number {
    return bm25Idf(this.slotOf.size, this.postings.get(term)?.df ?? 0);
  }

  /** Ranks documents for a query, best first (ties by id); `filter` restricts which ids may be returned. */
  search(query: string, limit = 10, filter?: (id: string) => boolean): Bm25Hit[] {
    const avg = this.totalLength / Math.max(1, this.slotOf.size) || 1;
    const params = this.params;
    const queryTerms = new Map<string, number>();
    for (const t of this.tokenizer(query)) queryTerms.set(t, (queryTerms.get(t) ?? 0) + 1);
    if (this.scratch.length < this.ids.length) this.scratch = new Float64Array(Math.max(1024, this.ids.length * 2));
    const scores = this.scratch;
    const touched: number[] = [];
    for (const [term, qtf] of queryTerms) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term);
      const { slots, tfs } = posting;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        const length = this.lengths[slot]!;
        if (length < 0) continue;
        const tf = tfs[i]!;
        const s = bm25Term(qtf, idf, tf, length, avg, params);
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = scores[slot]! + s;
      }
    }
    const order = (x: number, y: number) => scores[y]! - scores[x]! || (this.ids[x]! < this.ids[y]! ? -1 : 1);
    const best = filteredTopK(touched, limit, order, filter && ((slot) => filter(this.ids[slot]!)));
    const hits = best.map((slot) => ({
      id: this.ids[slot]!,
      score: scores[slot]!,
      matched: [...queryTerms.keys()].filter((t) => this.terms[slot]?.includes(t)),
    }));
    for (const slot of touched) scores[slot] = 0;
    return hits;
  }

  private compact(): void {
    const remap = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const lengths: number[] = [];
    const terms: string[][] = [];
    this.ids.forEach((id, slot) => {
      if (id === undefined) return;
      remap[slot] = ids.length;
      this.slotOf.set(id, ids.length);
      ids.push(id);
      lengths.push(this.lengths[slot]!);
      terms.push(this.terms[slot]!);
    });
    for (const posting of this.postings.values()) {
      const slots: number[] = [];
      const tfs: number[] = [];
      posting.slots.forEach((slot, i) => {
        if (remap[slot]! < 0) return;
        slots.push(remap[slot]!);
        tfs.push(posting.tfs[i]!);
      });
      posting.slots = slots;
      posting.tfs = tfs;
    }
    this.ids = ids;
    this.lengths = lengths;
    this.terms = terms;
    this.dead = 0;
    this.scratch = new Float64Array(0);
  }
}
