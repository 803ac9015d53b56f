import type { BaseMessage } from "@langchain/core/messages";
import { Tiktoken } from "js-tiktoken/lite";
import cl100k_base from "js-tiktoken/ranks/cl100k_base";

let encoder: Tiktoken | undefined;

/** Counts cl100k_base tokens of a text with the bundled ranks (no network). */
export function countTokens(text: string): number {
  encoder ??= new Tiktoken(cl100k_base);
  return encoder.encode(text, [], []).length;
}

/** Text of a message's content, whether it is a string or a list of content blocks. */
export function messageText(message: BaseMessage): string {
  const content = message.content;
  if (typeof content === "string") return content;
  return content.map((part) => (typeof part === "string" ? part : "text" in part ? String(part.text) : "")).join("");
}

/** Approximate prompt tokens of messages: content plus a small per-message overhead. */
export function countMessageTokens(messages: BaseMessage[]): number {
  return messages.reduce((sum, m) => sum + countTokens(messageText(m)) + 4, 0);
}
