import { topK } from "./top-k.js";

/** Unit-length float32 copy of a vector (zero vectors stay zero). */
export function unitVector(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

/** The stored vectors of one user's memories, normalised, scored exactly in process by cosine similarity. */
export class VectorTable {
  private readonly vectors = new Map<string, Float32Array>();

  /** Number of vectors held. */
  get size(): number {
    return this.vectors.size;
  }

  /** Length of the vectors held (0 when empty). */
  get dimension(): number {
    for (const v of this.vectors.values()) return v.length;
    return 0;
  }

  /** Whether a memory's vector is held. */
  has(id: string): boolean {
    return this.vectors.has(id);
  }

  /** Stores (or replaces) a memory's vector. */
  set(id: string, vector: ArrayLike<number>): void {
    this.vectors.set(id, unitVector(vector));
  }

  /** Forgets a memory's vector. */
  delete(id: string): void {
    this.vectors.delete(id);
  }

  /** Cosine similarity of a memory to a unit query vector (undefined when its vector is not held). */
  similarity(query: Float32Array, id: string): number | undefined {
    const v = this.vectors.get(id);
    if (!v || v.length !== query.length) return undefined;
    let dot = 0;
    for (let i = 0; i < v.length; i++) dot += v[i]! * query[i]!;
    return dot;
  }

  /** The `k` memories the predicate accepts most similar to a unit query vector, closest first (ties by id). */
  nearest(query: Float32Array, accept: (id: string) => boolean, k: number): Array<{ id: string; similarity: number }> {
    const scored: Array<{ id: string; similarity: number }> = [];
    for (const [id, v] of this.vectors) {
      if (v.length !== query.length || !accept(id)) continue;
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i]! * query[i]!;
      scored.push({ id, similarity: dot });
    }
    return topK(scored, k, (a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1));
  }
}
