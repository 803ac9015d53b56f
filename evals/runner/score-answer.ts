import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage } from "@langchain/core/messages";
import { exactMatch } from "../scoring/exact-match.js";
import { buildJudgePrompt, parseJudgeOutput, type JudgeInput } from "../scoring/judge.js";
import { tokenF1 } from "../scoring/token-f1.js";
import { messageText } from "../../src/memory/token-counter.js";

/** Answer-mode scores of one reply. */
export interface AnswerScore {
  correct: boolean | null;
  judgeReason: string;
  f1: number;
  exactMatch: number;
}

/** Instruction appended to LoCoMo questions in answer mode, as in the published protocol (short answers). */
export const SHORT_ANSWER_SUFFIX = " Answer in a short phrase, using the exact words from our conversations where possible.";

/** Asks the judge model for a CORRECT/WRONG verdict; an unparseable verdict counts as null (left out of accuracy). */
export async function judgeAnswer(judge: BaseChatModel, input: JudgeInput): Promise<{ correct: boolean | null; reason: string }> {
  const reply = await judge.invoke([new HumanMessage(buildJudgePrompt(input))]);
  try {
    const verdict = parseJudgeOutput(messageText(reply));
    return { correct: verdict.label === "CORRECT", reason: verdict.reason };
  } catch (error) {
    return { correct: null, reason: `unparseable verdict: ${(error as Error).message}` };
  }
}

/** Scores a reply against the gold answer: the judge's verdict, token F1 and exact match. */
export async function scoreAnswer(judge: BaseChatModel, input: JudgeInput): Promise<AnswerScore> {
  const verdict = await judgeAnswer(judge, input);
  return {
    correct: verdict.correct,
    judgeReason: verdict.reason,
    f1: tokenF1(input.answer, input.goldAnswer),
    exactMatch: exactMatch(input.answer, input.goldAnswer),
  };
}
