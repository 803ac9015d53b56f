import { StepClock } from "./step-clock.js";
import { Bm25Index } from "./lexical/bm25.js";
import { tokenize } from "./lexical/tokenize.js";
import type { MemoryFilter } from "../types.js";
import type { MemoryRecord } from "../types.js";
import { filterPredicate, matchesFilter } from "../filters/match-filter.js";
import { ThreadWindows } from "./lexical/thread-windows.js";
import { VectorTable } from "./vector/vector-table.js";
import { lexicalHits, type LexicalHit } from "./lexical/lexical-hits.js";
import { RecordLinks } from "./record-links.js";

export type { LexicalHit } from "./lexical/lexical-hits.js";

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Ends a time slice: yields one step, then starts the next slice. */
function* slice(clock: StepClock): Generator<"step"> {
  yield "step";
  clock.restart();
}

/** Bytes per indexed memory besides its text and vector (record object, map entries, thread links), measured with bench/index-build.ts. */
const RECORD_OVERHEAD_BYTES = 1_200;
/** Bytes per character of text: the string, its term list and its posting entries. */
const BYTES_PER_CHAR = 12;

/**
 * The in-process search index of one user's memories (current and superseded): BM25 over their texts, their thread windows and
 * their source messages, and, when loaded with them, their vectors for exact cosine scoring.
 */
export class UserIndex {
  private readonly bm25 = new Bm25Index();
  private readonly records = new Map<string, MemoryRecord>();
  private readonly windows = new ThreadWindows((id) => this.records.get(id), this.bm25);
  private readonly links = new RecordLinks(() => this.records.values());
  /** The memories' vectors (complete only when every indexed memory has one). */
  readonly vectors = new VectorTable();
  private textBytes = 0;
  private ready = true;

  constructor(records: MemoryRecord[] = [], vectors?: ReadonlyArray<ArrayLike<number> | undefined>) {
    for (const _ of this.steps(records, vectors)) continue;
  }

  /**
   * Builds a lexicon without blocking the event loop for long: it yields every few milliseconds of work. `onVectors` gets the
   * lexicon as soon as its records and vectors are in, before its BM25 and thread windows are (`lexicalReady` is false until then).
   */
  static async build(
    records: MemoryRecord[],
    vectors?: ReadonlyArray<ArrayLike<number> | undefined>,
    onVectors?: (partial: UserIndex) => void,
  ): Promise<UserIndex> {
    const lexicon = new UserIndex();
    for (const phase of lexicon.steps(records, vectors)) {
      if (phase === "vectors") onVectors?.(lexicon);
      await pause();
    }
    return lexicon;
  }

  /** Whether BM25 and thread windows cover every record (false only while a build is in its second phase). */
  get lexicalReady(): boolean {
    return this.ready;
  }

  /** Estimated bytes this lexicon holds in memory. */
  get bytes(): number {
    return this.records.size * RECORD_OVERHEAD_BYTES + this.textBytes * BYTES_PER_CHAR + this.vectors.bytes + this.vectors.size * 60;
  }

  /** Whether every indexed memory's vector is held, so vector search can run in process. */
  get vectorsComplete(): boolean {
    return this.records.size > 0 && this.vectors.size === this.records.size;
  }

  /** Every indexed record with its stored unit vector (undefined when not held), in no particular order. */
  *entries(): Generator<[MemoryRecord, Float32Array | undefined]> {
    for (const r of this.records.values()) yield [r, this.vectors.vectorOf(r.id)];
  }

  /** First records and vectors, then ("vectors") BM25, source links and thread windows; yields between steps. */
  private *steps(records: MemoryRecord[], vectors?: ReadonlyArray<ArrayLike<number> | undefined>): Generator<"step" | "vectors"> {
    this.ready = false;
    const clock = new StepClock();
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const previous = this.records.get(r.id);
      this.textBytes += r.content.length - (previous?.content.length ?? 0);
      this.records.set(r.id, r);
      const vector = vectors?.[i];
      if (vector) this.vectors.set(r.id, vector);
      else if (previous) this.vectors.delete(r.id);
      if (i === 0) this.vectors.reserve(records.length);
      if (clock.due()) yield* slice(clock);
    }
    yield "vectors";
    clock.restart();
    const all = [...this.records.values()];
    for (let i = 0; i < all.length; i++) {
      this.bm25.addTokens(all[i]!.id, tokenize(all[i]!.content));
      this.links.link(all[i]!);
      if (clock.due(16)) yield* slice(clock);
    }
    for (const _ of this.windows.loadSteps(all, clock)) yield "step";
    this.ready = true;
  }

  private index(record: MemoryRecord): void {
    const previous = this.records.get(record.id);
    if (previous) this.textBytes -= previous.content.length;
    this.textBytes += record.content.length;
    this.records.set(record.id, record);
    if (previous?.content === record.content) return;
    this.bm25.addTokens(record.id, tokenize(record.content));
  }

  /** The distinct subjects of the indexed memories. */
  subjects(): string[] {
    return this.links.subjects();
  }

  /** Id of a current fact memory (not an episode) whose text has this content hash, if any. */
  currentFactByHash(hash: string): string | undefined {
    return this.links.currentFactByHash(hash);
  }

  /** Number of memories indexed. */
  get size(): number {
    return this.records.size;
  }

  /** Adds or replaces a memory (re-tokenizing only when the text changed, re-windowing only when its place changed); a changed text without its new vector drops the old one. */
  upsert(record: MemoryRecord, vector?: ArrayLike<number>): void {
    const previous = this.records.get(record.id);
    this.index(record);
    if (vector) this.vectors.set(record.id, vector);
    else if (previous?.content !== record.content) this.vectors.delete(record.id);
    if (previous) this.links.unlink(previous);
    this.links.link(record);
    this.windows.upsert(record, previous);
  }

  /** Removes a memory; returns whether it was indexed. */
  remove(id: string): boolean {
    const previous = this.records.get(id);
    if (!previous) return false;
    this.bm25.remove(id);
    this.vectors.delete(id);
    this.textBytes -= previous.content.length;
    this.links.unlink(previous);
    this.windows.remove(previous);
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

  /** Whether an indexed memory matches the filter. */
  matches(id: string, filter: MemoryFilter): boolean {
    const record = this.records.get(id);
    return record !== undefined && matchesFilter(record, filter);
  }

  /** Ids of memories matching the filter, stopping after `max`. */
  ids(filter: MemoryFilter, max = Infinity): string[] {
    const out: string[] = [];
    const matches = filterPredicate(filter);
    for (const r of this.records.values()) {
      if (out.length >= max) break;
      if (matches(r)) out.push(r.id);
    }
    return out;
  }

  /** The best BM25 hits on the memories' own texts among memories matching the filter, best first. */
  search(query: string, filter: MemoryFilter, limit: number): LexicalHit[] {
    return lexicalHits(query, this.bm25.search(query, limit, this.accepts(filter)), (t) => this.bm25.idf(t), this.records);
  }

  /** The best BM25 hits on the memories' thread windows (their text plus their neighbours'), best first. */
  searchWindows(query: string, filter: MemoryFilter, limit: number): LexicalHit[] {
    return lexicalHits(query, this.windows.search(query, limit, this.accepts(filter)), (t) => this.windows.idf(t), this.records);
  }

  /** Other memories of the user that came from one of the same source messages and match the filter. */
  siblings(id: string, filter: MemoryFilter): MemoryRecord[] {
    const out = new Map<string, MemoryRecord>();
    for (const message of this.records.get(id)?.source.messageIds ?? []) {
      for (const other of this.links.fromMessage(message)) {
        const record = this.records.get(other);
        if (other !== id && record && matchesFilter(record, filter)) out.set(other, record);
      }
    }
    return [...out.values()];
  }

  private accepts(filter: MemoryFilter): (id: string) => boolean {
    const matches = filterPredicate(filter);
    return (id) => matches(this.records.get(id)!);
  }
}
