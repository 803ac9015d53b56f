/** One nearest-neighbour hit with its cosine similarity. */
export interface VectorHit {
  id: string;
  score: number;
}

/** Exact in-memory cosine index; fine for one user's memories (thousands of vectors). */
export class VectorIndex {
  private readonly vectors = new Map<string, Float32Array>();

  constructor(readonly dimension: number) {}

  /** Number of indexed vectors. */
  get size(): number {
    return this.vectors.size;
  }

  /** Adds or replaces a vector; it is normalised on the way in. */
  add(id: string, vector: ArrayLike<number>): void {
    if (vector.length !== this.dimension)
      throw new RangeError(`Vector of length ${vector.length} in an index of dimension ${this.dimension}.`);
    const v = Float32Array.from(vector);
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < v.length; i++) v[i]! /= norm;
    this.vectors.set(id, v);
  }

  /** Removes a vector; returns whether it was present. */
  remove(id: string): boolean {
    return this.vectors.delete(id);
  }

  /** Cosine similarity between a stored vector and a query, or undefined when the id is unknown. */
  similarity(id: string, query: ArrayLike<number>): number | undefined {
    const v = this.vectors.get(id);
    return v ? dot(v, query) / (norm(query) || 1) : undefined;
  }

  /** The most similar vectors, best first; `filter` restricts which ids may be returned. */
  search(query: ArrayLike<number>, limit = 10, filter?: (id: string) => boolean): VectorHit[] {
    const qn = norm(query) || 1;
    const hits: VectorHit[] = [];
    for (const [id, v] of this.vectors) {
      if (filter && !filter(id)) continue;
      hits.push({ id, score: dot(v, query) / qn });
    }
    return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}
