import type { BaseMessage } from "@langchain/core/messages";
import { InvalidInputError } from "../config/errors.js";
import { Tiktoken } from "js-tiktoken/lite";
import cl100k_base from "js-tiktoken/ranks/cl100k_base";

let encoder: Tiktoken | undefined;

/** Counts cl100k_base tokens of a text with the bundled ranks (no network). */
export function countTokens(text: string): number {
  encoder ??= new Tiktoken(cl100k_base);
  return encoder.encode(text, [], []).length;
}

const partText = (part: unknown): string => {
  if (typeof part === "string") return part;
  const text = part && typeof part === "object" ? (part as { text?: unknown }).text : undefined;
  return typeof text === "string" ? text : "";
};

/** Text of a message's content, whether it is a string or a list of content blocks; other content is an InvalidInputError. */
export function messageText(message: BaseMessage): string {
  const content: unknown = message.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) throw new InvalidInputError(`Message content must be text or a list of text parts, not ${content === null ? "null" : typeof content}.`);
  return content.map(partText).join("");
}

/** Approximate prompt tokens of messages: content plus a small per-message overhead. */
export function countMessageTokens(messages: BaseMessage[]): number {
  return messages.reduce((sum, m) => sum + countTokens(messageText(m)) + 4, 0);
}
