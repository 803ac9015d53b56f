import type { BaseMessage } from "@langchain/core/messages";
import { InvalidInputError } from "../config/errors.js";
import { bpeTokenCount } from "./bpe-count.js";

/** Runs longer than this many characters of one kind (letters, symbols, or whitespace) are estimated, not encoded. */
export const LONG_RUN_CHARS = 40;

const LONG_RUN = new RegExp(`\\p{L}{${LONG_RUN_CHARS + 1},}|[^\\s\\p{L}\\p{N}]{${LONG_RUN_CHARS + 1},}|\\s{${LONG_RUN_CHARS + 1},}`, "gu");
const utf8 = new TextEncoder();

const exactTokens = bpeTokenCount;

/** Upper-bound estimate for one long run: a token per two UTF-8 bytes (cl100k tokens average more than that). */
function estimateRun(run: string): number {
  return Math.ceil(utf8.encode(run).length / 2);
}

/**
 * Counts cl100k_base tokens of a text with the bundled ranks (no network), in linear time: ordinary text is
 * counted exactly (bpeTokenCount); runs of more than LONG_RUN_CHARS letters, symbols or whitespace without a break
 * are estimated on the high side.
 */
export function countTokens(text: string): number {
  let total = 0;
  let start = 0;
  for (const match of text.matchAll(LONG_RUN)) {
    total += exactTokens(text.slice(start, match.index)) + estimateRun(match[0]);
    start = match.index + match[0].length;
  }
  return total + exactTokens(text.slice(start));
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
  if (!Array.isArray(content))
    throw new InvalidInputError(`Message content must be text or a list of text parts, not ${content === null ? "null" : typeof content}.`);
  return content.map(partText).join("");
}

/** Approximate prompt tokens of messages: content plus a small per-message overhead. */
export function countMessageTokens(messages: BaseMessage[]): number {
  return messages.reduce((sum, m) => sum + countTokens(messageText(m)) + 4, 0);
}
