/** One scored probe of one tier; optional scores are left out of their means when null or absent. */
export interface ScoreRow {
  tier: string;
  skill: string;
  recall?: number | null;
  correct?: boolean | null;
  f1?: number | null;
  staleAsCurrent?: boolean | null;
  promptTokens: number;
  latencyMs: number;
}

/** Mean of the values present, and how many there were. */
export interface MeanStat {
  mean: number | null;
  n: number;
}

/** Summary of a group of rows. */
export interface GroupStats {
  n: number;
  recall: MeanStat;
  accuracy: MeanStat;
  f1: MeanStat;
  staleAsCurrentRate: MeanStat;
  promptTokens: { mean: number | null; p50: number | null; p95: number | null };
  latencyMs: { mean: number | null; p50: number | null; p95: number | null };
}

/** Summary per tier, per skill, per tier×skill, and overall. */
export interface Aggregate {
  overall: GroupStats;
  byTier: Record<string, GroupStats>;
  bySkill: Record<string, GroupStats>;
  byTierSkill: Record<string, Record<string, GroupStats>>;
}

/** Percentile with linear interpolation between closest ranks (p in 0..100); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function meanOf(values: readonly (number | boolean | null | undefined)[]): MeanStat {
  const nums = values.filter((v): v is number | boolean => v !== null && v !== undefined).map(Number);
  return { mean: nums.length === 0 ? null : nums.reduce((a, b) => a + b, 0) / nums.length, n: nums.length };
}

/** Summary of one group of rows. */
export function summarize(rows: readonly ScoreRow[]): GroupStats {
  const tokens = rows.map((r) => r.promptTokens);
  const latency = rows.map((r) => r.latencyMs);
  return {
    n: rows.length,
    recall: meanOf(rows.map((r) => r.recall)),
    accuracy: meanOf(rows.map((r) => r.correct)),
    f1: meanOf(rows.map((r) => r.f1)),
    staleAsCurrentRate: meanOf(rows.map((r) => r.staleAsCurrent)),
    promptTokens: { mean: meanOf(tokens).mean, p50: percentile(tokens, 50), p95: percentile(tokens, 95) },
    latencyMs: { mean: meanOf(latency).mean, p50: percentile(latency, 50), p95: percentile(latency, 95) },
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    out.set(k, [...(out.get(k) ?? []), row]);
  }
  return out;
}

/** Aggregates scored rows per tier, per skill and per tier×skill (groups in first-seen order). */
export function aggregate(rows: readonly ScoreRow[]): Aggregate {
  const byTier: Record<string, GroupStats> = {};
  const bySkill: Record<string, GroupStats> = {};
  const byTierSkill: Record<string, Record<string, GroupStats>> = {};
  for (const [tier, group] of groupBy(rows, (r) => r.tier)) {
    byTier[tier] = summarize(group);
    byTierSkill[tier] = {};
    for (const [skill, cell] of groupBy(group, (r) => r.skill)) byTierSkill[tier][skill] = summarize(cell);
  }
  for (const [skill, group] of groupBy(rows, (r) => r.skill)) bySkill[skill] = summarize(group);
  return { overall: summarize(rows), byTier, bySkill, byTierSkill };
}
