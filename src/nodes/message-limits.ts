import { InvalidInputError } from "../config/errors.js";
import type { MemoriaContext } from "../graph/context.js";
import { countTokens } from "../memory/token-counter.js";

/**
 * Checks a user message against the run's limits: the character limit first (constant time), then the token
 * limit (linear). Throws InvalidInputError naming the limit; returns the token count.
 */
export function checkMessageSize(text: string, ctx: Pick<MemoriaContext, "maxMessageChars" | "maxMessageTokens">): number {
  if (text.length > ctx.maxMessageChars) {
    throw new InvalidInputError(
      `The user message has ${text.length} characters, over the limit of ${ctx.maxMessageChars} (context.maxMessageChars).`,
    );
  }
  const tokens = countTokens(text);
  if (tokens > ctx.maxMessageTokens) {
    throw new InvalidInputError(
      `The user message has ${tokens} tokens, over the limit of ${ctx.maxMessageTokens} (context.maxMessageTokens).`,
    );
  }
  return tokens;
}
