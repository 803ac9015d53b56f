import { Embeddings } from "@langchain/core/embeddings";
import { createHash } from "node:crypto";
import type { Embedder } from "./embedder.js";

const WORD = /[\p{L}\p{N}]+/gu;

/** Deterministic bag-of-hashed-words embedder: offline, instant, lexical only (for tests and fallbacks). */
export class HashEmbeddings extends Embeddings implements Embedder {
  readonly modelId: string;
  readonly dimension: number;

  constructor(dimension = 256) {
    super({});
    this.dimension = dimension;
    this.modelId = `hash:${dimension}`;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }

  private vector(text: string): number[] {
    const v = new Array<number>(this.dimension).fill(0);
    for (const word of text.toLowerCase().match(WORD) ?? []) {
      const h = createHash("sha1").update(word).digest();
      const slot = h.readUInt32LE(0) % this.dimension;
      v[slot] = (v[slot] ?? 0) + (h[4]! & 1 ? 1 : -1);
    }
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  }
}
