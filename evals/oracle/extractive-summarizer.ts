import { isHumanMessage } from "@langchain/core/messages";
import type { Summarizer } from "../../src/memory/extraction/extractor-types.js";
import { countTokens, messageText } from "../../src/memory/token-counter.js";

/** Limits of the extractive summary. */
export interface ExtractiveSummarizerOptions {
  /** Words kept from each user message. */
  wordsPerMessage?: number;
  /** Token budget of the whole summary; the oldest lines are dropped first. */
  maxTokens?: number;
}

/** A user message shortened to its first words, on one line. */
export function compactStatement(text: string, words: number): string {
  const parts = text.replace(/\s+/g, " ").trim().split(" ");
  return parts.length <= words ? parts.join(" ") : `${parts.slice(0, words).join(" ")}…`;
}

/** Deterministic summarizer without a model: keeps what the user said, one compact line per message, newest last. */
export function createExtractiveSummarizer(options: ExtractiveSummarizerOptions = {}): Summarizer {
  const words = options.wordsPerMessage ?? 40;
  const maxTokens = options.maxTokens ?? 600;
  return async ({ previousSummary, messages }) => {
    const earlier = previousSummary.split("\n").filter((line) => line.trim() !== "");
    const added = messages
      .filter((m) => isHumanMessage(m))
      .map((m) => compactStatement(messageText(m), words))
      .filter((line) => line !== "")
      .map((line) => `- User said: ${line}`);
    const lines = [...earlier, ...added];
    while (lines.length > 1 && countTokens(lines.join("\n")) > maxTokens) lines.shift();
    return lines.join("\n");
  };
}
