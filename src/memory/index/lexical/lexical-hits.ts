import type { MemoryRecord } from "../../types.js";
import { tokenize } from "./tokenize.js";

/** One BM25 hit on a user's memory, with the share of the query's IDF mass it matched. */
export interface LexicalHit {
  record: MemoryRecord;
  score: number;
  matched: string[];
  /** Sum of IDF of matched query terms over the IDF of all query terms (unknown terms count as rarest), 0..1. */
  coverage: number;
}

/** BM25 results as hits on the records of `records`, each with its coverage of the query's IDF mass. */
export function lexicalHits(
  query: string,
  found: Array<{ id: string; score: number; matched: string[] }>,
  idfOf: (term: string) => number,
  records: ReadonlyMap<string, MemoryRecord>,
): LexicalHit[] {
  const terms = [...new Set(tokenize(query))];
  if (!terms.length || !records.size) return [];
  const rarest = Math.log(1 + (records.size + 0.5) / 0.5);
  const idf = new Map(terms.map((t) => [t, idfOf(t) || rarest]));
  const total = [...idf.values()].reduce((a, b) => a + b, 0);
  return found.map((h) => {
    const matched = [...new Set(h.matched)];
    const coverage = matched.reduce((s, t) => s + (idf.get(t) ?? 0), 0) / total;
    return { record: records.get(h.id)!, score: h.score, matched, coverage };
  });
}
