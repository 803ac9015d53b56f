import { isHumanMessage, isToolMessage, type BaseMessage } from "@langchain/core/messages";
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
