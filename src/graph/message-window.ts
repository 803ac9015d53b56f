import { isHumanMessage, isToolMessage, type BaseMessage } from "@langchain/core/messages";
import { capTokensKeepEnd } from "../memory/cap-tokens.js";
import { countMessageTokens } from "../memory/token-counter.js";

/** The last human message of a thread, if the thread ends with one. */
export function latestHumanMessage(messages: BaseMessage[]): BaseMessage | undefined {
  const last = messages.at(-1);
  return last && isHumanMessage(last) ? last : undefined;
}

/**
 * Index where the kept window starts when older messages are folded into a summary: at least `keepLast`
 * messages stay, and the window starts on a human message so no tool result loses its call. 0 means keep all.
 */
export function summaryCut(messages: BaseMessage[], keepLast: number): number {
  let cut = Math.max(0, messages.length - keepLast);
  while (cut > 0 && !isHumanMessage(messages[cut]!)) cut--;
  return cut;
}

/** The newest messages that fit a token budget, starting on a human message and never on an orphaned tool result. */
export function trimHistory(messages: BaseMessage[], budget: number): BaseMessage[] {
  let start = messages.length;
  let used = 0;
  while (start > 0) {
    const cost = countMessageTokens([messages[start - 1]!]);
    if (used + cost > budget && start < messages.length) break;
    used += cost;
    start--;
  }
  while (start < messages.length - 1 && (!isHumanMessage(messages[start]!) || isToolMessage(messages[start]!))) start++;
  return messages.slice(start);
}

/** Fewest tokens worth showing of a running summary; a smaller remainder of the history budget shows none. */
export const MIN_SUMMARY_TOKENS = 16;

/**
 * The thread history a tier shows within one token budget: the newest messages first (at least the latest, whatever its
 * size), then as much of the running summary's newest part as the rest of the budget holds.
 */
export function historyWithinBudget(messages: BaseMessage[], summary: string, budget: number): { history: BaseMessage[]; summary: string } {
  const history = trimHistory(messages, budget);
  const left = budget - countMessageTokens(history);
  return { history, summary: summary && left >= MIN_SUMMARY_TOKENS ? capTokensKeepEnd(summary, left) : "" };
}

/** The history a tier with history shows on a turn whose user message costs `messageTokens`: historyTokenBudget, or more for an oversized message. */
export function shownHistory(
  messages: BaseMessage[],
  summary: string,
  historyTokenBudget: number,
  messageTokens: number,
): { history: BaseMessage[]; summary: string } {
  return historyWithinBudget(messages, summary, Math.max(historyTokenBudget, messageTokens + 8));
}
