import type { NearMemory } from "../records/chroma/memory-rows.js";
import { reciprocalRankFusion, type RankedList } from "./rank-fusion.js";
import type { MemoryRecord, SearchChannels } from "../types.js";
import type { LexicalHit } from "../index/user-index.js";

/** Relative weights of the fused channels and the RRF constant. */
export interface ChannelWeights {
  rrfK: number;
  vectorWeight: number;
  lexicalWeight: number;
  windowWeight: number;
  /** Multiplies the weight of the channel a hit came from when it is passed on to its same-message siblings. */
  sourceWeight: number;
}

/** The ranked evidence of one search before fusion. */
export interface ChannelInputs {
  near: NearMemory[];
  lexical: LexicalHit[];
  windows: LexicalHit[];
  /** Memories that came from the same source messages as a memory (after filtering). */
  siblings: (id: string) => MemoryRecord[];
}

/** A fused candidate with what each channel said about it and its relevance in 0..1. */
export interface Candidate {
  record: MemoryRecord;
  channels: SearchChannels;
  relevance: number;
}

function viaSiblings(
  hits: MemoryRecord[],
  siblings: ChannelInputs["siblings"],
  depth: number,
): Array<{ record: MemoryRecord; via: string }> {
  const out: Array<{ record: MemoryRecord; via: string }> = [];
  for (const hit of hits) {
    for (const record of siblings(hit.id)) if (out.length < depth) out.push({ record, via: hit.id });
    if (out.length >= depth) break;
  }
  return out;
}

/** Weighted reciprocal-rank fusion of vector, BM25, window BM25 and the same-message (source) lists derived from the first two; relevance 1 is the first place in every channel that found anything. */
export function fuseChannels(inputs: ChannelInputs, w: ChannelWeights): Candidate[] {
  const byId = new Map<string, Candidate>();
  const note = (record: MemoryRecord, set: (c: SearchChannels) => void) => {
    let c = byId.get(record.id);
    if (!c) byId.set(record.id, (c = { record, relevance: 0, channels: {} }));
    set(c.channels);
  };
  inputs.near.forEach((n, i) => note(n.record, (c) => (c.vector = { rank: i + 1, similarity: n.similarity })));
  inputs.lexical.forEach((h, i) =>
    note(h.record, (c) => (c.bm25 = { rank: i + 1, score: h.score, matched: h.matched, coverage: h.coverage })),
  );
  inputs.windows.forEach((h, i) => note(h.record, (c) => (c.window = { rank: i + 1, score: h.score, matched: h.matched })));
  const depth = Math.max(inputs.near.length, inputs.lexical.length);
  const fromLexical = viaSiblings(
    inputs.lexical.map((h) => h.record),
    inputs.siblings,
    depth,
  );
  const fromVector = viaSiblings(
    inputs.near.map((n) => n.record),
    inputs.siblings,
    depth,
  );
  for (const list of [fromLexical, fromVector]) {
    list.forEach((s, i) => note(s.record, (c) => (c.source = c.source && c.source.rank <= i + 1 ? c.source : { rank: i + 1, via: s.via })));
  }
  const ids = (records: Array<{ record: MemoryRecord }>) => records.map((r) => ({ id: r.record.id }));
  const lists: RankedList[] = [
    { name: "vector", weight: w.vectorWeight, results: ids(inputs.near) },
    { name: "bm25", weight: w.lexicalWeight, results: ids(inputs.lexical) },
    { name: "window", weight: w.windowWeight, results: ids(inputs.windows) },
    { name: "bm25-source", weight: w.sourceWeight * w.lexicalWeight, results: ids(fromLexical) },
    { name: "vector-source", weight: w.sourceWeight * w.vectorWeight, results: ids(fromVector) },
  ];
  const fused = reciprocalRankFusion(
    lists.filter((l) => (l.weight ?? 1) > 0 && l.results.length),
    { k: w.rrfK },
  );
  const answered = [
    [w.vectorWeight, inputs.near],
    [w.lexicalWeight, inputs.lexical],
    [w.windowWeight, inputs.windows],
  ] as const;
  const best = answered.reduce((sum, [weight, hits]) => sum + (hits.length ? weight : 0), 0) / (w.rrfK + 1) || 1;
  return fused.map((f) => ({ ...byId.get(f.id)!, relevance: Math.min(1, f.score / best) }));
}
