import { DEFAULTS } from "./defaults.js";

/** Weights and half-life that turn similarity, importance and recency into one score. */
export interface RankingOptions {
  similarityWeight: number;
  importanceWeight: number;
  recencyWeight: number;
  halfLifeDays: number;
}

/** Default ranking: relevance first, then importance and recency. */
export const DEFAULT_RANKING: RankingOptions = DEFAULTS.ranking;

const DAY_MS = 86_400_000;

const finiteOr0 = (x: number): number => (Number.isFinite(x) ? x : 0);

/** Recency in (0, 1]: halves every half-life, and memories used often decay slower. */
export function recency(lastTouched: string, now: string, accessCount: number, halfLifeDays: number): number {
  const ageDays = Math.max(0, (Date.parse(now) - Date.parse(lastTouched)) / DAY_MS);
  if (!Number.isFinite(ageDays)) return 1;
  const effectiveHalfLife = halfLifeDays * (1 + Math.log2(1 + Math.max(0, accessCount)));
  return Math.pow(0.5, ageDays / effectiveHalfLife);
}

/** The combined retrieval score of one memory; a NaN or infinite input counts as 0, so a corrupt record never ranks first. */
export function rankScore(
  input: { similarity: number; importance: number; lastTouched: string; accessCount: number },
  now: string,
  options: RankingOptions = DEFAULT_RANKING,
): number {
  const r = recency(input.lastTouched, now, input.accessCount, options.halfLifeDays);
  return (
    options.similarityWeight * finiteOr0(input.similarity) +
    options.importanceWeight * Math.min(1, Math.max(0, finiteOr0(input.importance))) +
    options.recencyWeight * finiteOr0(r)
  );
}
