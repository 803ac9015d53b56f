import { normalizeTokens } from "./normalize.js";

const ARTICLES = new Set(["a", "an", "the"]);

/** Answer tokens as SQuAD normalises them (articles dropped), plus number, date and plural normalisation. */
export function answerTokens(text: string): string[] {
  return normalizeTokens(text).filter((t) => !ARTICLES.has(t));
}

/** SQuAD-style token F1 between a prediction and a gold answer (1 when both are empty, 0 when one is). */
export function tokenF1(prediction: string, gold: string): number {
  const pred = answerTokens(prediction);
  const ref = answerTokens(gold);
  if (pred.length === 0 || ref.length === 0) return pred.length === ref.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of ref) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of pred) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(t, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / pred.length;
  const recall = common / ref.length;
  return (2 * precision * recall) / (precision + recall);
}
