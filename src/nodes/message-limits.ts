import { InvalidContextError, InvalidInputError } from "../config/errors.js";
import type { MemoriaContext } from "../graph/context.js";
import { DEFAULTS } from "../memory/defaults.js";
import { countTokens } from "../memory/token-counter.js";

/** The largest user message a run may accept, in characters and in tokens. */
export interface MessageLimits {
  maxMessageChars: number;
  maxMessageTokens: number;
}

const ENV_NAMES: Record<keyof MessageLimits, string> = {
  maxMessageChars: "MEMORIA_MAX_MESSAGE_CHARS",
  maxMessageTokens: "MEMORIA_MAX_MESSAGE_TOKENS",
};

/**
 * The run's message limits: what its context asks for, within the deployment's maximums (`ceiling`, default DEFAULTS). A run may
 * lower a limit; asking for more than the maximum is an InvalidContextError, so one caller cannot make the process stall for all.
 */
export function runMessageLimits(
  ctx: Partial<Pick<MemoriaContext, keyof MessageLimits>>,
  ceiling: Partial<MessageLimits> = {},
): MessageLimits {
  const limits: MessageLimits = {
    maxMessageChars: ceiling.maxMessageChars ?? DEFAULTS.maxMessageChars,
    maxMessageTokens: ceiling.maxMessageTokens ?? DEFAULTS.maxMessageTokens,
  };
  for (const key of Object.keys(ENV_NAMES) as (keyof MessageLimits)[]) {
    const asked = ctx[key];
    if (asked === undefined) continue;
    if (asked > limits[key]) {
      throw new InvalidContextError(
        `context.${key} ${asked} is over this deployment's maximum of ${limits[key]} (${ENV_NAMES[key]}); a run may lower it, not raise it.`,
      );
    }
    limits[key] = asked;
  }
  return limits;
}

/**
 * Checks a user message against the run's limits (runMessageLimits): the character limit first (constant time), then the token
 * limit (linear). Throws InvalidInputError naming the limit; returns the token count.
 */
export function checkMessageSize(
  text: string,
  ctx: Partial<Pick<MemoriaContext, keyof MessageLimits>>,
  ceiling?: Partial<MessageLimits>,
): number {
  const limits = runMessageLimits(ctx, ceiling);
  if (text.length > limits.maxMessageChars) {
    throw new InvalidInputError(
      `The user message has ${text.length} characters, over the limit of ${limits.maxMessageChars} (context.maxMessageChars).`,
    );
  }
  const tokens = countTokens(text);
  if (tokens > limits.maxMessageTokens) {
    throw new InvalidInputError(
      `The user message has ${tokens} tokens, over the limit of ${limits.maxMessageTokens} (context.maxMessageTokens).`,
    );
  }
  return tokens;
}
