import { isHumanMessage, type BaseMessage } from "@langchain/core/messages";
import { messageText } from "../memory/token-counter.js";

/** The latest user message (and the reply after it), as plain text for the extractors. */
export function lastExchange(
  messages: BaseMessage[],
  isReply: (m: BaseMessage) => boolean,
): { userMessage: string; assistantMessage?: string; messageId?: string } | undefined {
  const index = messages.findLastIndex((m) => isHumanMessage(m));
  if (index < 0) return undefined;
  const human = messages[index]!;
  const reply = messages.slice(index + 1).find(isReply);
  return { userMessage: messageText(human), assistantMessage: reply ? messageText(reply) : undefined, messageId: human.id };
}
