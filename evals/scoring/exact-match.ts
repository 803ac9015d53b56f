import { answerTokens } from "./token-f1.js";

/** 1 when prediction and gold are equal after SQuAD-style normalisation, else 0. */
export function exactMatch(prediction: string, gold: string): 0 | 1 {
  return answerTokens(prediction).join(" ") === answerTokens(gold).join(" ") ? 1 : 0;
}

/** 1 when the normalised gold answer occurs as whole tokens inside the prediction, else 0 (empty gold never matches). */
export function containsAnswer(prediction: string, gold: string): 0 | 1 {
  const needle = answerTokens(gold).join(" ");
  if (needle === "") return 0;
  return ` ${answerTokens(prediction).join(" ")} `.includes(` ${needle} `) ? 1 : 0;
}
