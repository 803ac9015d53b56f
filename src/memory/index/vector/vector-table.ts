import { SimdPool, strideOf } from "./simd-scan.js";
import { topScored } from "../top-k.js";

/** Pool size (floats) from which a table scans in WebAssembly SIMD: below it, its own memory would cost more than the scan saves. */
const SIMD_FROM_FLOATS = 131_072;
const MIN_CAPACITY = 16;

/** Unit-length float32 copy of a vector (zero vectors stay zero). */
export function unitVector(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

/** Writes into `out` the dot products of the first `count` rows of `pool` (rows of `dim` floats every `stride`) with a query. */
export function scanScores(pool: Float32Array, stride: number, count: number, query: Float32Array, out: Float32Array): void {
  const dim = query.length;
  for (let slot = 0, base = 0; slot < count; slot++, base += stride) {
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    let i = 0;
    for (; i + 3 < dim; i += 4) {
      a += pool[base + i]! * query[i]!;
      b += pool[base + i + 1]! * query[i + 1]!;
      c += pool[base + i + 2]! * query[i + 2]!;
      d += pool[base + i + 3]! * query[i + 3]!;
    }
    for (; i < dim; i++) a += pool[base + i]! * query[i]!;
    out[slot] = a + b + c + d;
  }
}

/**
 * The stored vectors of one user's memories, normalised into one contiguous float32 pool of rows zero-padded to a multiple of 4
 * floats, scored exactly in process by cosine similarity: in JS for small pools, in WebAssembly SIMD (a memory of its own, freed
 * with the table) from `simdFromFloats` on where the runtime has it. Vectors of another length than the first one are not held
 * (the index then falls back to Chroma).
 */
export class VectorTable {
  private readonly slotOf = new Map<string, number>();
  private ids: Array<string | undefined> = [];
  private readonly free: number[] = [];
  private pool: Float32Array = new Float32Array(0);
  private simd: SimdPool | undefined;
  private simdFailed = false;
  private scratch: Float32Array = new Float32Array(0);
  private capacity = 0;
  private dim = 0;
  private stride = 0;

  /** `simdFromFloats`: pool size (floats) from which the scan runs in WebAssembly SIMD (Infinity: never; 0: always). */
  constructor(private readonly options: { simdFromFloats?: number } = {}) {}

  /** Number of vectors held. */
  get size(): number {
    return this.slotOf.size;
  }

  /** Length of the vectors held (0 before the first). */
  get dimension(): number {
    return this.dim;
  }

  /** Whether the scan runs in WebAssembly SIMD. */
  get usesSimd(): boolean {
    return this.simd !== undefined;
  }

  /** Bytes of the pool and its scan buffers (ids and maps excluded). */
  get bytes(): number {
    return this.simd ? this.simd.bytes : this.pool.byteLength + this.scratch.byteLength;
  }

  /** Whether a memory's vector is held. */
  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Stores (or replaces) a memory's vector. */
  set(id: string, vector: ArrayLike<number>): void {
    if (this.dim === 0) {
      this.dim = vector.length;
      this.stride = strideOf(this.dim);
    }
    if (vector.length !== this.dim || this.dim === 0) {
      this.delete(id);
      return;
    }
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.ids.length;
      if (slot >= this.capacity) this.grow(Math.max(MIN_CAPACITY, this.capacity * 2));
      this.ids[slot] = id;
      this.slotOf.set(id, slot);
    }
    const pool = this.pool;
    const base = slot * this.stride;
    let norm = 0;
    for (let i = 0; i < this.dim; i++) {
      pool[base + i] = vector[i]!;
      norm += pool[base + i]! * pool[base + i]!;
    }
    norm = Math.sqrt(norm);
    if (norm > 0 && norm !== 1) for (let i = 0; i < this.dim; i++) pool[base + i]! /= norm;
  }

  /** Makes room for `count` vectors of the current length in total, so a bulk load does not regrow the pool. */
  reserve(count: number): void {
    if (this.dim > 0 && count > this.capacity) this.grow(count);
  }

  /** Forgets a memory's vector. */
  delete(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.free.push(slot);
  }

  /** Copy of a memory's stored unit vector (undefined when it is not held). */
  vectorOf(id: string): Float32Array | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    return this.pool.slice(slot * this.stride, slot * this.stride + this.dim);
  }

  /** Cosine similarity of a memory to a unit query vector (undefined when its vector is not held). */
  similarity(query: Float32Array, id: string): number | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined || query.length !== this.dim) return undefined;
    const pool = this.pool;
    const base = slot * this.stride;
    let dot = 0;
    for (let i = 0; i < this.dim; i++) dot += pool[base + i]! * query[i]!;
    return dot;
  }

  /** The `k` memories the predicate accepts most similar to a unit query vector, closest first (ties by id). */
  nearest(query: Float32Array, accept: (id: string) => boolean, k: number): Array<{ id: string; similarity: number }> {
    if (query.length !== this.dim) return [];
    const count = this.ids.length;
    let scores = this.scratch;
    if (this.simd) scores = this.simd.scores(query, count);
    else scanScores(this.pool, this.stride, count, query, scores);
    return topScored(scores, this.ids, count, k, accept).map((slot) => ({ id: this.ids[slot]!, similarity: scores[slot]! }));
  }

  private grow(capacity: number): void {
    const floats = capacity * this.stride;
    if (!this.simd && !this.simdFailed && floats >= (this.options.simdFromFloats ?? SIMD_FROM_FLOATS)) {
      this.simd = SimdPool.create(this.stride, capacity);
      this.simdFailed = !this.simd;
      if (this.simd) {
        this.simd.rows.set(this.pool);
        this.scratch = new Float32Array(0);
      }
    } else if (this.simd && !this.simd.grow(capacity)) {
      this.simd = undefined;
      this.simdFailed = true;
    }
    if (this.simd) this.pool = this.simd.rows;
    else {
      const grown = new Float32Array(floats);
      grown.set(this.pool);
      this.pool = grown;
      this.scratch = new Float32Array(capacity);
    }
    this.capacity = capacity;
  }
}
