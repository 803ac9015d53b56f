import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { Bm25Index } from "../../../src/memory/index/lexical/bm25.js";
import { reciprocalRankFusion, type FusionContribution, type RankedList } from "../../../src/memory/retrieval/rank-fusion.js";
import { VectorIndex } from "./vector-index.js";

/** A searchable document, e.g. a dialogue turn; `group` and `position` place it among its neighbours. */
export interface RetrievalDoc {
  id: string;
  text: string;
  speaker?: string;
  group?: string;
  position?: number;
  date?: string;
}

/** A short fact extracted from one or more documents; matching it retrieves its sources. */
export interface RetrievalFact {
  id: string;
  text: string;
  sourceIds: string[];
}

/** Relative weights of the ranked lists fused by reciprocal rank. */
export interface ChannelWeights {
  bm25: number;
  vector: number;
  factBm25: number;
  factVector: number;
  window: number;
}

/** Tuning of the hybrid retriever (defaults were chosen on LoCoMo categories 1-4, without per-conversation tuning). */
export interface HybridRetrieverOptions {
  embedder: EmbeddingsInterface;
  weights?: Partial<ChannelWeights>;
  rrfK?: number;
  /** Score multiplier for documents by the one speaker a query names. */
  speakerBoost?: number;
  /** Documents on each side joined into the neighbour window a document is also matched by. */
  windowRadius?: number;
  /** Candidates taken from each channel before fusion. */
  depth?: number;
}

/** A ranked document with its fused score and the per-channel contributions that explain it. */
export interface RetrievedDoc {
  id: string;
  score: number;
  contributions: FusionContribution[];
  why: string;
}

const DEFAULT_WEIGHTS: ChannelWeights = { bm25: 1, vector: 0.5, factBm25: 1, factVector: 0.5, window: 1.5 };

/** Fuses lexical, dense, neighbour-window and extracted-fact evidence into one ranking of documents. */
export class HybridRetriever {
  private readonly embedder: EmbeddingsInterface;
  private readonly weights: ChannelWeights;
  private readonly rrfK: number;
  private readonly speakerBoost: number;
  private readonly depth: number;
  private readonly windowRadius: number;
  private readonly docs = new Map<string, RetrievalDoc>();
  private readonly facts = new Map<string, RetrievalFact>();
  private readonly groups = new Map<string, Map<string, RetrievalDoc>>();
  private readonly speakers = new Set<string>();
  private readonly bm25 = new Bm25Index();
  private readonly windowBm25 = new Bm25Index();
  private readonly factBm25 = new Bm25Index();
  private vectors?: VectorIndex;
  private factVectors?: VectorIndex;

  constructor(options: HybridRetrieverOptions) {
    this.embedder = options.embedder;
    this.weights = { ...DEFAULT_WEIGHTS, ...options.weights };
    this.rrfK = options.rrfK ?? 10;
    this.speakerBoost = options.speakerBoost ?? 1.5;
    this.depth = options.depth ?? 200;
    this.windowRadius = options.windowRadius ?? 2;
  }

  /** Indexes documents (replacing same ids) and refreshes the neighbour windows around them. */
  async addDocuments(docs: RetrievalDoc[]): Promise<void> {
    const vectors = await this.embedder.embedDocuments(docs.map((d) => d.text));
    docs.forEach((doc, i) => {
      const previous = this.docs.get(doc.id);
      if (previous?.group !== undefined) this.groups.get(previous.group)?.delete(doc.id);
      this.docs.set(doc.id, doc);
      if (doc.group !== undefined) {
        if (!this.groups.has(doc.group)) this.groups.set(doc.group, new Map());
        this.groups.get(doc.group)!.set(doc.id, doc);
      }
      if (doc.speaker) this.speakers.add(doc.speaker);
      this.bm25.add(doc.id, doc.text);
      this.vectors ??= new VectorIndex(vectors[i]!.length);
      this.vectors.add(doc.id, vectors[i]!);
    });
    const r = this.windowRadius;
    const touched = new Set(docs.flatMap((d) => this.neighbours(d.id, r)).concat(docs.map((d) => d.id)));
    for (const id of touched) {
      const text = [...this.neighbours(id, r), id].map((n) => this.docs.get(n)!.text).join("\n");
      this.windowBm25.add(id, text);
    }
  }

  /** Indexes extracted facts that point at documents. */
  async addFacts(facts: RetrievalFact[]): Promise<void> {
    const vectors = await this.embedder.embedDocuments(facts.map((f) => f.text));
    facts.forEach((fact, i) => {
      this.facts.set(fact.id, fact);
      this.factBm25.add(fact.id, fact.text);
      this.factVectors ??= new VectorIndex(vectors[i]!.length);
      this.factVectors.add(fact.id, vectors[i]!);
    });
  }

  /** Documents immediately before and after a document within its group (same order as stored positions). */
  neighbours(id: string, radius: number): string[] {
    const doc = this.docs.get(id);
    if (!doc || doc.group === undefined || doc.position === undefined) return [];
    const out: string[] = [];
    for (const other of this.groups.get(doc.group)?.values() ?? []) {
      const distance = Math.abs((other.position ?? 0) - doc.position);
      if (other.id !== id && distance <= radius) out.push(other.id);
    }
    return out;
  }

  /** The documents of the store, by id. */
  get(id: string): RetrievalDoc | undefined {
    return this.docs.get(id);
  }

  /** Ranks documents for a query, best first. */
  async search(query: string, limit = 20): Promise<RetrievedDoc[]> {
    if (!this.docs.size) return [];
    const qv = await this.embedder.embedQuery(query);
    const lists: RankedList[] = [
      { name: "bm25", weight: this.weights.bm25, results: this.bm25.search(query, this.depth) },
      { name: "window", weight: this.weights.window, results: this.windowBm25.search(query, this.depth) },
      { name: "vector", weight: this.weights.vector, results: this.vectors?.search(qv, this.depth) ?? [] },
    ];
    if (this.facts.size) {
      lists.push({ name: "fact-bm25", weight: this.weights.factBm25, results: this.viaFacts(this.factBm25.search(query, this.depth)) });
      lists.push({
        name: "fact-vector",
        weight: this.weights.factVector,
        results: this.viaFacts(this.factVectors?.search(qv, this.depth) ?? []),
      });
    }
    const fused = reciprocalRankFusion(
      lists.filter((l) => l.weight),
      { k: this.rrfK },
    );
    const speaker = this.namedSpeaker(query);
    const ranked = fused.map((r) => {
      const boosted = speaker !== undefined && this.docs.get(r.id)?.speaker === speaker;
      const score = boosted ? r.score * this.speakerBoost : r.score;
      const why = r.contributions.map((c) => `${c.list} #${c.rank}`).join(", ") + (boosted ? `, speaker ${speaker}` : "");
      return { id: r.id, score, contributions: r.contributions, why };
    });
    return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  private viaFacts(hits: Array<{ id: string; score: number }>): Array<{ id: string; score: number }> {
    const out: Array<{ id: string; score: number }> = [];
    for (const h of hits)
      for (const source of this.facts.get(h.id)?.sourceIds ?? []) if (this.docs.has(source)) out.push({ id: source, score: h.score });
    return out;
  }

  private namedSpeaker(query: string): string | undefined {
    const words = new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
    const named = [...this.speakers].filter((s) => words.has(s.toLowerCase().split(/\s+/)[0]!));
    return named.length === 1 ? named[0] : undefined;
  }
}
