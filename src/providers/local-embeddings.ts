import { Embeddings } from "@langchain/core/embeddings";
import { createHash } from "node:crypto";
import type { Embedder } from "./embedder.js";
import { readWordVectors, shippedWordVectorsPath, WORD_VECTORS_COUNT, WORD_VECTORS_VERSION, type WordTable } from "./word-vectors.js";

const TOKEN = /[\p{L}\p{N}]+(?=n't)|n't|'(?:s|m|re|ve|ll|d)\b|[\p{L}\p{N}]+/gu;
/** Harmonic number of the full 400k-word GloVe vocabulary, for Zipf probabilities p(rank) = 1 / (rank * H). */
const ZIPF_H = Math.log(400_000) + 0.5772;

/** Options of the offline word-vector embedder. */
export interface LocalEmbeddingsOptions {
  /** SIF smoothing constant a in a / (a + p(w)). */
  sifA?: number;
  /** Give out-of-vocabulary words a deterministic pseudo-random vector so exact rare words still match (off: it hurt LoCoMo recall). */
  hashUnknownWords?: boolean;
  /** Path of the word-vector file; defaults to the one shipped in the package. */
  path?: string;
}

interface Loaded {
  table: WordTable;
  index: Map<string, number>;
  unknownNorm: number;
}

/** Splits text into the lowercase word tokens GloVe was trained on ("don't" becomes "do", "n't"). */
export function gloveTokens(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").match(TOKEN) ?? [];
}

/** Offline sentence embeddings: SIF-weighted average of GloVe-derived int8 word vectors, loaded lazily from the shipped file. */
export class LocalEmbeddings extends Embeddings implements Embedder {
  readonly modelId: string;
  readonly dimension = 100;
  private readonly options: Required<LocalEmbeddingsOptions>;
  private loading?: Promise<Loaded>;

  constructor(options: LocalEmbeddingsOptions = {}) {
    super({});
    this.options = { sifA: 1e-3, hashUnknownWords: false, path: shippedWordVectorsPath(), ...options };
    const o = this.options;
    this.modelId = `local:glove-sg100d-${WORD_VECTORS_COUNT}-v${WORD_VECTORS_VERSION}-sif${o.sifA}${o.hashUnknownWords ? "-oov" : ""}`;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const loaded = await this.load();
    return texts.map((t) => this.vector(loaded, t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(await this.load(), text);
  }

  /** Loads the word table once; concurrent callers share the same promise. */
  load(): Promise<Loaded> {
    this.loading ??= this.open().catch((err: unknown) => {
      this.loading = undefined;
      throw err;
    });
    return this.loading;
  }

  private async open(): Promise<Loaded> {
    const table = await readWordVectors(this.options.path);
    const index = new Map<string, number>();
    table.words.forEach((w, i) => index.has(w) || index.set(w, i));
    let total = 0;
    const sample = Math.min(table.words.length, 5000);
    for (let i = table.words.length - sample; i < table.words.length; i++) total += this.rowNorm(table, i);
    return { table, index, unknownNorm: total / sample };
  }

  private rowNorm(table: WordTable, row: number): number {
    let s = 0;
    const base = row * table.dimension;
    for (let d = 0; d < table.dimension; d++) s += table.codes[base + d]! ** 2;
    return Math.sqrt(s) * table.scales[row]!;
  }

  private vector(loaded: Loaded, text: string): number[] {
    const { table, index } = loaded;
    const dim = table.dimension;
    const out = new Float64Array(dim);
    for (const token of gloveTokens(text)) {
      const row = index.get(token);
      if (row !== undefined) {
        const weight = this.weight(row + 1) * table.scales[row]!;
        const base = row * dim;
        for (let d = 0; d < dim; d++) out[d]! += weight * table.codes[base + d]!;
      } else if (this.options.hashUnknownWords && token.length > 1) {
        const hashed = unknownVector(token, dim);
        for (let d = 0; d < dim; d++) out[d]! += loaded.unknownNorm * hashed[d]!;
      }
    }
    const norm = Math.hypot(...out);
    return Array.from(out, (x) => (norm ? x / norm : 0));
  }

  private weight(rank: number): number {
    const p = 1 / (rank * ZIPF_H);
    return this.options.sifA / (this.options.sifA + p);
  }
}

function unknownVector(token: string, dim: number): Float64Array {
  const out = new Float64Array(dim);
  let seed = createHash("sha256").update(token).digest();
  for (let d = 0; d < dim; d++) {
    if (d % 16 === 0 && d) seed = createHash("sha256").update(seed).digest();
    out[d] = (seed.readUInt16LE((d % 16) * 2) / 65535) * 2 - 1;
  }
  const norm = Math.hypot(...out) || 1;
  return out.map((x) => x / norm);
}
