/** A ranked list to fuse: results best first, with an optional weight for the whole list. */
export interface RankedList {
  name: string;
  results: ReadonlyArray<{ id: string; score?: number }>;
  weight?: number;
}

/** What one list contributed to a fused result. */
export interface FusionContribution {
  list: string;
  /** 1-based rank of the result in that list. */
  rank: number;
  /** The list's own score for the result, when it gave one. */
  score?: number;
  /** Amount this list added to the fused score. */
  contribution: number;
}

/** A fused result with the per-list contributions that explain it. */
export interface FusedResult {
  id: string;
  score: number;
  contributions: FusionContribution[];
}

/** Reciprocal-rank fusion options: the rank constant k and how many results to keep. */
export interface FusionOptions {
  k?: number;
  limit?: number;
}

/** Fuses ranked lists with reciprocal-rank fusion: score(id) = sum of weight / (k + rank) over the lists containing id. */
export function reciprocalRankFusion(lists: ReadonlyArray<RankedList>, options: FusionOptions = {}): FusedResult[] {
  const k = options.k ?? 60;
  const fused = new Map<string, FusedResult>();
  for (const list of lists) {
    const weight = list.weight ?? 1;
    const seen = new Set<string>();
    for (const r of list.results) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const rank = seen.size;
      const contribution = weight / (k + rank);
      let entry = fused.get(r.id);
      if (!entry) fused.set(r.id, (entry = { id: r.id, score: 0, contributions: [] }));
      entry.score += contribution;
      entry.contributions.push({ list: list.name, rank, ...(r.score === undefined ? {} : { score: r.score }), contribution });
    }
  }
  const ranked = [...fused.values()].sort((a, b) => b.score - a.score || bestRank(a) - bestRank(b) || (a.id < b.id ? -1 : 1));
  return options.limit === undefined ? ranked : ranked.slice(0, options.limit);
}

/** One-line human explanation of a fused result, e.g. "bm25 #1, vector #4". */
export function explainFusion(result: FusedResult): string {
  return result.contributions.map((c) => `${c.list} #${c.rank}`).join(", ");
}

function bestRank(r: FusedResult): number {
  return Math.min(...r.contributions.map((c) => c.rank));
}
