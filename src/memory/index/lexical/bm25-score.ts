/** Okapi BM25's term-frequency saturation (k1) and length normalisation (b). */
export interface Bm25Params {
  k1: number;
  b: number;
}

/** The usual BM25 parameters, used by the text index and the thread windows alike. */
export const BM25_DEFAULTS: Readonly<Bm25Params> = { k1: 1.2, b: 0.75 };

/** Inverse document frequency of a term found in `df` of `documents` documents (0 when unseen). */
export function bm25Idf(documents: number, df: number): number {
  if (!df) return 0;
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/** One query term's BM25 contribution to a document of `length` tokens holding it `tf` times. */
export function bm25Term(qtf: number, idf: number, tf: number, length: number, avgLength: number, { k1, b }: Bm25Params): number {
  return (qtf * idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / avgLength));
}
