import { filteredTopK } from "./top-k.js";

/** Unit-length float32 copy of a vector (zero vectors stay zero). */
export function unitVector(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

/**
 * The stored vectors of one user's memories, normalised into one contiguous float32 pool, scored exactly in process by cosine
 * similarity. Vectors of another length than the first one are not held (the index then falls back to Chroma).
 */
export class VectorTable {
  private readonly slotOf = new Map<string, number>();
  private ids: Array<string | undefined> = [];
  private readonly free: number[] = [];
  private pool = new Float32Array(0);
  private dim = 0;

  /** Number of vectors held. */
  get size(): number {
    return this.slotOf.size;
  }

  /** Length of the vectors held (0 before the first). */
  get dimension(): number {
    return this.dim;
  }

  /** Whether a memory's vector is held. */
  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Stores (or replaces) a memory's vector. */
  set(id: string, vector: ArrayLike<number>): void {
    if (this.dim === 0) this.dim = vector.length;
    if (vector.length !== this.dim || this.dim === 0) {
      this.delete(id);
      return;
    }
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.ids.length;
      this.ids[slot] = id;
      this.slotOf.set(id, slot);
    }
    if (this.pool.length < (slot + 1) * this.dim) this.reserve(Math.max(1024, (slot + 1) * 2));
    const pool = this.pool;
    const base = slot * this.dim;
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
    if (this.dim === 0 || this.pool.length >= count * this.dim) return;
    const grown = new Float32Array(count * this.dim);
    grown.set(this.pool);
    this.pool = grown;
  }

  /** Forgets a memory's vector. */
  delete(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.free.push(slot);
  }

  /** A copy of a memory's stored unit vector (undefined when not held). */
  vectorOf(id: string): Float32Array | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.pool.slice(slot * this.dim, (slot + 1) * this.dim);
  }

  /** Cosine similarity of a memory to a unit query vector (undefined when its vector is not held). */
  similarity(query: Float32Array, id: string): number | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined || query.length !== this.dim) return undefined;
    return this.dot(query, slot);
  }

  /** The `k` memories the predicate accepts most similar to a unit query vector, closest first (ties by id). */
  nearest(query: Float32Array, accept: (id: string) => boolean, k: number): Array<{ id: string; similarity: number }> {
    if (query.length !== this.dim) return [];
    const count = this.ids.length;
    const scores = new Float32Array(count);
    const slots: number[] = [];
    const pool = this.pool;
    const dim = this.dim;
    const q = query;
    for (let slot = 0, base = 0; slot < count; slot++, base += dim) {
      if (this.ids[slot] === undefined) continue;
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      let i = 0;
      for (; i + 3 < dim; i += 4) {
        a += pool[base + i]! * q[i]!;
        b += pool[base + i + 1]! * q[i + 1]!;
        c += pool[base + i + 2]! * q[i + 2]!;
        d += pool[base + i + 3]! * q[i + 3]!;
      }
      for (; i < dim; i++) a += pool[base + i]! * q[i]!;
      scores[slot] = a + b + c + d;
      slots.push(slot);
    }
    const order = (a: number, b: number) => scores[b]! - scores[a]! || (this.ids[a]! < this.ids[b]! ? -1 : 1);
    return filteredTopK(slots, k, order, (slot) => accept(this.ids[slot]!)).map((slot) => ({
      id: this.ids[slot]!,
      similarity: scores[slot]!,
    }));
  }

  private dot(query: Float32Array, slot: number): number {
    const pool = this.pool;
    const base = slot * this.dim;
    let dot = 0;
    for (let i = 0; i < this.dim; i++) dot += pool[base + i]! * query[i]!;
    return dot;
  }
}
