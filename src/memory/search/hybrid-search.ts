import type { MemoryFilter } from "../chroma/memory-where.js";
import type { NearMemory } from "../chroma/memory-rows.js";
import { rankScore, type RankingOptions } from "../ranking.js";
import { reciprocalRankFusion } from "../retrieval/rank-fusion.js";
import type { MemoryRecord, ScoredMemory, SearchChannels } from "../types.js";
import type { IndexedRows } from "./indexed-rows.js";
import type { LexicalCache } from "./lexical-cache.js";
import type { LexicalHit, UserLexicon } from "./user-lexicon.js";

/** Tuning of long-term memory search. */
export interface HybridSearchOptions {
  /** Fuse BM25 over the user's memories with the vector channel (default true); false is vector-only. */
  lexical?: boolean;
  /** Reciprocal-rank-fusion constant (default 10: ranks stay distinct enough to outweigh importance and recency). */
  rrfK?: number;
  vectorWeight?: number;
  lexicalWeight?: number;
  /** IDF coverage at which a BM25 hit is strong enough to pass minScore without the vector channel (default 0.5). */
  strongLexicalCoverage?: number;
}

/** One search request after option parsing. */
export interface SearchRequest {
  query: string;
  filter: MemoryFilter;
  limit: number;
  minScore?: number;
  now: string;
}

interface Candidate {
  record: MemoryRecord;
  channels: SearchChannels;
  relevance: number;
}

const cosine = (a: number[], b: number[]): number => {
  if (a.length !== b.length) return 0;
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
};

function fuse(near: NearMemory[], lexical: LexicalHit[], o: Required<HybridSearchOptions>): Candidate[] {
  const byId = new Map<string, Candidate>();
  near.forEach((n, i) => byId.set(n.record.id, { record: n.record, relevance: 0, channels: { vector: { rank: i + 1, similarity: n.similarity } } }));
  lexical.forEach((h, i) => {
    const bm25 = { rank: i + 1, score: h.score, matched: h.matched, coverage: h.coverage };
    const known = byId.get(h.record.id);
    if (known) known.channels.bm25 = bm25;
    else byId.set(h.record.id, { record: h.record, relevance: 0, channels: { bm25 } });
  });
  const fused = reciprocalRankFusion(
    [
      { name: "vector", weight: o.vectorWeight, results: near.map((n) => ({ id: n.record.id })) },
      { name: "bm25", weight: o.lexicalWeight, results: lexical.map((h) => ({ id: h.record.id })) },
    ],
    { k: o.rrfK },
  );
  const best = (o.vectorWeight + o.lexicalWeight) / (o.rrfK + 1);
  return fused.map((f) => ({ ...byId.get(f.id)!, relevance: f.score / best }));
}

async function nearFromLexicon(rows: IndexedRows, lexicon: UserLexicon, vector: number[], filter: MemoryFilter, depth: number): Promise<NearMemory[]> {
  const hits = await rows.nearestIds(vector, filter, depth);
  const missing = hits.filter((h) => !lexicon.has(h.id)).map((h) => h.id);
  const fetched = new Map((await rows.byIds(missing)).map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const record = lexicon.get(h.id) ?? fetched.get(h.id);
    return record ? [{ record, similarity: h.similarity }] : [];
  });
}

function explain(c: Candidate, similarity: number): string {
  const parts: string[] = [];
  if (c.channels.vector) parts.push(`vector #${c.channels.vector.rank}`);
  if (c.channels.bm25) parts.push(`bm25 #${c.channels.bm25.rank} (${c.channels.bm25.matched.join(", ")})`);
  const closed = c.record.validUntil ? `, superseded ${c.record.validUntil.slice(0, 10)}` : "";
  return `${parts.join(" + ") || "no channel"}, similarity ${similarity.toFixed(2)}, importance ${c.record.importance.toFixed(2)}, used ${c.record.accessCount}x${closed}`;
}

/** Long-term memory search: vector neighbours from Chroma fused by RRF with BM25 over the user's cached lexicon, then ranked by relevance, importance and recency. */
export async function hybridSearch(rows: IndexedRows, cache: LexicalCache | undefined, req: SearchRequest, ranking: RankingOptions, options: HybridSearchOptions = {}): Promise<ScoredMemory[]> {
  const o: Required<HybridSearchOptions> = { lexical: true, rrfK: 10, vectorWeight: 1, lexicalWeight: 1, strongLexicalCoverage: 0.5, ...options };
  const depth = Math.max(req.limit * 2, 40);
  const [queryVector, lexicon] = await Promise.all([rows.embed(req.query), o.lexical && cache ? cache.get(req.filter.userId) : undefined]);
  const near = lexicon ? await nearFromLexicon(rows, lexicon, queryVector, req.filter, depth) : await rows.nearest(queryVector, req.filter, depth);
  const lexical = lexicon?.search(req.query, req.filter, depth) ?? [];
  const candidates: Candidate[] = lexicon
    ? fuse(near, lexical, o)
    : near.map((n, i) => ({ record: n.record, relevance: n.similarity, channels: { vector: { rank: i + 1, similarity: n.similarity } } }));
  const ranked = candidates
    .map((c) => {
      const lastTouched = c.record.lastAccessedAt ?? c.record.updatedAt;
      return { c, score: rankScore({ similarity: c.relevance, importance: c.record.importance, lastTouched, accessCount: c.record.accessCount }, req.now, ranking) };
    })
    .sort((a, b) => b.score - a.score || a.c.record.id.localeCompare(b.c.record.id));
  const needVectors = (req.minScore === undefined ? ranked.slice(0, req.limit) : ranked).filter(({ c }) => !c.channels.vector);
  const stored = await rows.vectors(needVectors.map(({ c }) => c.record.id));
  const similarityOf = (c: Candidate) => c.channels.vector?.similarity ?? cosine(queryVector, stored.get(c.record.id) ?? []);
  const strong = (c: Candidate) => (c.channels.bm25?.coverage ?? 0) >= o.strongLexicalCoverage;
  const out: ScoredMemory[] = [];
  for (const { c, score } of ranked) {
    if (out.length >= req.limit) break;
    const similarity = similarityOf(c);
    if (req.minScore !== undefined && similarity < req.minScore && !strong(c)) continue;
    out.push({ ...c.record, similarity, relevance: c.relevance, score, channels: c.channels, why: explain(c, similarity) });
  }
  return out;
}
