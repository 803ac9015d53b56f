import type { BaseMessage } from "@langchain/core/messages";
import type { LlamaHistoryItem } from "./llama-cpp-types.js";

function roleOf(message: BaseMessage): LlamaHistoryItem["type"] {
  switch (message.type) {
    case "system":
    case "developer":
      return "system";
    case "ai":
      return "model";
    default:
      return "user";
  }
}

/** Converts LangChain messages into a fresh node-llama-cpp chat history that ends with the model's turn to speak. */
export function toChatHistory(messages: BaseMessage[]): LlamaHistoryItem[] {
  const history: LlamaHistoryItem[] = messages.map((message) => {
    const role = roleOf(message);
    const text = message.text;
    return role === "model" ? { type: role, response: [text] } : { type: role, text };
  });
  if (history.at(-1)?.type !== "model") history.push({ type: "model", response: [] });
  return history;
}
