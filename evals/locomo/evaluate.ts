import type { LocomoConversation } from "./load-locomo.js";
import type { LocomoMethod } from "./method.js";
import { BUDGETS, KS, mean, percentile, prefixWithin, recall, TokenCounter } from "./metrics.js";

/** Per-question measurements of one method. */
export interface QuestionResult {
  sampleId: string;
  category: number;
  recallAtK: number[];
  tokensAtK: number[];
  recallAtBudget: number[];
  latencyMs: number;
}

/** Aggregate of one method over a set of questions. */
export interface Summary {
  questions: number;
  recallAtK: Record<string, number>;
  tokensAtK: Record<string, number>;
  recallAtBudget: Record<string, number>;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

/** How many ranked items each search asks for (enough to fill the largest budget). */
export const SEARCH_LIMIT = 150;

/** Runs one method over every conversation and question, returning per-question results. */
export async function evaluateMethod(
  method: LocomoMethod,
  conversations: LocomoConversation[],
  tokens: TokenCounter,
): Promise<QuestionResult[]> {
  const out: QuestionResult[] = [];
  for (const conv of conversations) {
    const prepared = await method.prepare(conv);
    for (const q of conv.questions) {
      if (!q.evidence.length) continue;
      const started = performance.now();
      const items = await prepared.search(q.question, SEARCH_LIMIT);
      const latencyMs = performance.now() - started;
      const memo = new Map<number, number>();
      const tokensOf = (n: number) => {
        let t = memo.get(n);
        if (t === undefined) memo.set(n, (t = tokens.lines(prepared.render(items.slice(0, n)))));
        return t;
      };
      const idsOf = (n: number) => items.slice(0, n).flatMap((i) => i.ids);
      out.push({
        sampleId: conv.sampleId,
        category: q.category,
        recallAtK: KS.map((k) => recall(q.evidence, idsOf(k))),
        tokensAtK: KS.map((k) => tokensOf(Math.min(k, items.length))),
        recallAtBudget: BUDGETS.map((b) => recall(q.evidence, idsOf(prefixWithin(b, items.length, tokensOf)))),
        latencyMs,
      });
    }
  }
  return out;
}

/** Averages per-question results (recall in percent). */
export function summarise(results: QuestionResult[]): Summary {
  const col = (pick: (r: QuestionResult) => number[], i: number) => mean(results.map((r) => pick(r)[i]!));
  const latencies = results.map((r) => r.latencyMs);
  return {
    questions: results.length,
    recallAtK: Object.fromEntries(KS.map((k, i) => [k, 100 * col((r) => r.recallAtK, i)])),
    tokensAtK: Object.fromEntries(KS.map((k, i) => [k, col((r) => r.tokensAtK, i)])),
    recallAtBudget: Object.fromEntries(BUDGETS.map((b, i) => [b, 100 * col((r) => r.recallAtBudget, i)])),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
  };
}

/** Summaries per category number and overall. */
export function summariseByCategory(results: QuestionResult[]): Record<string, Summary> {
  const cats = [...new Set(results.map((r) => r.category))].sort();
  return {
    ...Object.fromEntries(cats.map((c) => [String(c), summarise(results.filter((r) => r.category === c))])),
    overall: summarise(results),
  };
}
