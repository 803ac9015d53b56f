import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { InvalidContextError } from "../config/errors.js";
import { UserIdSchema } from "../memory/user-id.js";
import { TIERS } from "./tiers.js";
import { DEFAULTS } from "../memory/defaults.js";
import { FIELD_LIMITS } from "../memory/field-limits.js";

/** Default tokens of the relevant-memories section (chosen from the LoCoMo graph replay, see README). */
export const DEFAULT_MEMORY_TOKEN_BUDGET = DEFAULTS.memoryTokenBudget;

/** Per-run context: who the user is, which tier to run, and the memory limits. */
export const MemoriaContextSchema = z.object({
  userId: UserIdSchema,
  /** mem0's agent scope: memories this run writes carry it (their runId is the run's thread id). */
  agentId: z
    .string()
    .min(1)
    .max(FIELD_LIMITS.sourceId)
    .refine((s) => s.trim().length > 0, "agentId must not be blank")
    .optional(),
  tier: z.enum(TIERS).default("A"),
  profile: z.string().max(20_000).optional(),
  /** Most memories (facts and episodes) in the prompt; memoryTokenBudget usually binds first. */
  topK: z.number().int().min(1).max(100).default(DEFAULTS.promptMemoryLimit),
  /** Tokens of the relevant-memories section (facts and episodes); the learned profile and entities keep their own limits (profileItems, entityLimit). */
  memoryTokenBudget: z.number().int().min(0).max(100_000).default(DEFAULTS.memoryTokenBudget),
  minScore: z.number().min(-1).max(1).default(DEFAULTS.minScore),
  entityLimit: z.number().int().min(0).max(100).default(DEFAULTS.entityLimit),
  profileItems: z.number().int().min(0).max(100).default(DEFAULTS.profileItems),
  /** Tokens of the thread history shown: the newest messages (at least the latest), then the running summary's newest part in what is left. */
  historyTokenBudget: z.number().int().min(64).max(200_000).default(DEFAULTS.historyTokenBudget),
  summaryThresholdMessages: z.number().int().min(4).max(10_000).default(DEFAULTS.summaryThresholdMessages),
  summaryThresholdTokens: z.number().int().min(256).max(1_000_000).default(DEFAULTS.summaryThresholdTokens),
  keepLastMessages: z.number().int().min(2).max(1_000).default(DEFAULTS.keepLastMessages),
  /** Hard cap on the running summary, enforced whatever the summarizer returns (its oldest part is dropped). */
  maxSummaryTokens: z.number().int().min(32).max(100_000).default(DEFAULTS.maxSummaryTokens),
  /** Lowers the deployment's maximum (MEMORIA_MAX_MESSAGE_TOKENS, default DEFAULTS.maxMessageTokens); more is refused. */
  maxMessageTokens: z.number().int().min(16).max(1_000_000).optional(),
  /** Checked before any token counting; lowers the deployment's maximum (MEMORIA_MAX_MESSAGE_CHARS, default DEFAULTS.maxMessageChars). */
  maxMessageChars: z.number().int().min(16).max(4_000_000).optional(),
  now: z.iso.datetime({ offset: true }).optional(),
});

/**
 * The context schema the graph declares (Studio's form): userId required, everything else optional with its default.
 * LangGraph validates each run's context with it; the check makes a bad context fail with parseContext's InvalidContextError.
 */
export const MemoriaContextInputSchema = MemoriaContextSchema.partial()
  .required({ userId: true })
  .check(z.refine((raw) => parseContext(raw) !== undefined, { when: () => true }));

/** Per-run context as callers pass it (defaults optional). */
export type MemoriaContextInput = z.input<typeof MemoriaContextSchema>;
/** Per-run context with every default applied. */
export type MemoriaContext = z.output<typeof MemoriaContextSchema>;

/** Validates a context object and applies defaults; throws InvalidContextError listing every problem. */
export function parseContext(raw: unknown): MemoriaContext {
  const parsed = MemoriaContextSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "context"}: ${i.message}`);
    throw new InvalidContextError(`Invalid run context (${problems.join("; ")}). Pass it as { context: { userId, tier } }.`);
  }
  return parsed.data;
}

const CONTEXT_KEYS = Object.keys(MemoriaContextSchema.shape);

/** Parsed contexts by the run's context object: every node and route of a run reads the same object, so it is parsed once. */
const parsedContexts = new WeakMap<object, { input: Record<string, unknown>; context: MemoriaContext }>();

const sameFields = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => CONTEXT_KEYS.every((k) => Object.is(a[k], b[k]));

/**
 * The run's context fields as given: `context` first, then the context keys an older client (or the LangGraph server, which always
 * sends `context: {}` and keeps a thread's `configurable`) put in `configurable`. A userId given in both with different values is
 * an InvalidContextError, since the run's user would be ambiguous.
 */
export function runContextInput(config: LangGraphRunnableConfig | undefined): Record<string, unknown> {
  const fromContext = (typeof config?.context === "object" && config.context !== null ? config.context : {}) as Record<string, unknown>;
  const configurable = (config?.configurable ?? {}) as Record<string, unknown>;
  const fallback = Object.fromEntries(CONTEXT_KEYS.filter((k) => configurable[k] !== undefined).map((k) => [k, configurable[k]]));
  if (fromContext.userId !== undefined && fallback.userId !== undefined && !Object.is(fromContext.userId, fallback.userId)) {
    throw new InvalidContextError(
      "Invalid run context: context.userId and config.configurable.userId name different users. Pass the user once, as { context: { userId } }.",
    );
  }
  return { ...fallback, ...fromContext };
}

/**
 * Reads the run context from a node's config (`context`, falling back to `configurable` for older clients). The result is
 * cached on the run's context object and reused while its fields are unchanged, so a run parses its context once.
 */
export function contextFromConfig(config: LangGraphRunnableConfig | undefined): MemoriaContext {
  const key = typeof config?.context === "object" && config.context !== null ? (config.context as object) : undefined;
  const input = runContextInput(config);
  const cached = key && parsedContexts.get(key);
  if (cached && sameFields(cached.input, input)) return cached.context;
  const context = parseContext(input);
  if (key) parsedContexts.set(key, { input, context });
  return context;
}

/** The checkpointer thread id of a run, if any. */
export function threadIdFromConfig(config: LangGraphRunnableConfig | undefined): string | undefined {
  const id = config?.configurable?.thread_id;
  return typeof id === "string" && id.length > 0 ? id : undefined;
}
