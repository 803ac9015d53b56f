import { percentile } from "../scoring/aggregate.js";
import type { ControlKind } from "../runner/control-prompts.js";
import type { ProbeResult } from "../runner/types.js";

/** Summary of a group of probe results. */
export interface GroupSummary {
  n: number;
  /** Mean recall over probes where recall applies, null when none does. */
  recall: number | null;
  recallN: number;
  /** Mean strict recall (evidence turns themselves in the prompt), null when no probe has turn-level evidence. */
  strictRecall: number | null;
  /** Mean recall of the control prompts (random and most recent earlier user turns at each probe's tokens), null without controls. */
  controls: Record<ControlKind, ControlSummary> | null;
  /** Share of update probes whose prompt presented a stale value as current. */
  staleAsCurrent: number | null;
  staleN: number;
  tokensMean: number;
  tokensP95: number;
  fullHistoryTokensMean: number;
  retrievalP50: number;
  retrievalP95: number;
  turnP50: number;
  turnP95: number;
  accuracy: number | null;
  accuracyN: number;
  f1: number | null;
  exactMatch: number | null;
}

/** Mean lenient and strict recall and tokens of one kind of control prompt. */
export interface ControlSummary {
  recall: number | null;
  strictRecall: number | null;
  tokensMean: number;
}

function controlSummary(rows: readonly ProbeResult[], kind: ControlKind): ControlSummary {
  const scores = present(rows.map((r) => r.controls?.[kind]));
  return {
    recall: mean(present(scores.map((c) => c.recall))),
    strictRecall: mean(present(scores.map((c) => c.strictRecall))),
    tokensMean: mean(scores.map((c) => c.tokens)) ?? 0,
  };
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const present = <T>(xs: (T | null | undefined)[]): T[] => xs.filter((x): x is T => x !== null && x !== undefined);

/** Means and percentiles of one group of results. */
export function summarizeGroup(rows: readonly ProbeResult[]): GroupSummary {
  const recalls = present(rows.map((r) => r.recall));
  const stale = present(rows.map((r) => r.staleAsCurrent)).map(Number);
  const correct = present(rows.map((r) => r.correct)).map(Number);
  const tokens = rows.map((r) => r.promptTokens);
  return {
    n: rows.length,
    recall: mean(recalls),
    recallN: recalls.length,
    strictRecall: mean(present(rows.map((r) => r.strictRecall))),
    controls: rows.some((r) => r.controls) ? { random: controlSummary(rows, "random"), recent: controlSummary(rows, "recent") } : null,
    staleAsCurrent: mean(stale),
    staleN: stale.length,
    tokensMean: mean(tokens) ?? 0,
    tokensP95: percentile(tokens, 95) ?? 0,
    fullHistoryTokensMean: mean(rows.map((r) => r.fullHistoryTokens)) ?? 0,
    retrievalP50:
      percentile(
        rows.map((r) => r.retrievalMs),
        50,
      ) ?? 0,
    retrievalP95:
      percentile(
        rows.map((r) => r.retrievalMs),
        95,
      ) ?? 0,
    turnP50:
      percentile(
        rows.map((r) => r.turnMs),
        50,
      ) ?? 0,
    turnP95:
      percentile(
        rows.map((r) => r.turnMs),
        95,
      ) ?? 0,
    accuracy: mean(correct),
    accuracyN: correct.length,
    f1: mean(present(rows.map((r) => r.f1))),
    exactMatch: mean(present(rows.map((r) => r.exactMatch))),
  };
}

/** Results grouped by a key, groups in the order of `order` (then first seen), each summarised. */
export function summarizeBy(
  rows: readonly ProbeResult[],
  key: (r: ProbeResult) => string,
  order: readonly string[] = [],
): Map<string, GroupSummary> {
  const groups = new Map<string, ProbeResult[]>(order.map((k) => [k, []]));
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return new Map([...groups].filter(([, g]) => g.length > 0).map(([k, g]) => [k, summarizeGroup(g)]));
}
