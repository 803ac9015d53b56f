import { cl100kEncoder } from "../../src/memory/cl100k.js";

/** The k values and token budgets every method is measured at. */
export const KS = [5, 10, 20, 30] as const;
/** Token budgets of retrieved context. */
export const BUDGETS = [250, 500, 1000, 1500, 3000] as const;

/** Counts cl100k tokens of rendered context lines, caching each line (a context is its lines joined by newlines). */
export class TokenCounter {
  private readonly encoder = cl100kEncoder();
  private readonly cache = new Map<string, number>();

  /** Tokens of one line. */
  line(text: string): number {
    let n = this.cache.get(text);
    if (n === undefined) {
      n = this.encoder.encode(text).length;
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(text, n);
    }
    return n;
  }

  /** Tokens of lines joined by newlines. */
  lines(lines: string[]): number {
    return lines.reduce((s, l) => s + this.line(l), Math.max(0, lines.length - 1));
  }

  /** Exact tokens of a whole string. */
  exact(text: string): number {
    return this.encoder.encode(text).length;
  }
}

/** Share of the evidence ids found among the retrieved ids. */
export function recall(evidence: string[], retrieved: Iterable<string>): number {
  if (!evidence.length) return 0;
  const got = new Set(retrieved);
  return evidence.filter((e) => got.has(e)).length / evidence.length;
}

/** Largest prefix length n whose rendered context fits the budget (token count grows with n). */
export function prefixWithin(budget: number, count: number, tokensOf: (n: number) => number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (tokensOf(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The p-th percentile (0-100) of a list of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Arithmetic mean (0 for an empty list). */
export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
