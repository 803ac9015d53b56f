import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { InvalidContextError } from "../config/errors.js";
import { TIERS } from "./tiers.js";

const hasControlChars = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** Per-run context: who the user is, which tier to run, and the memory limits. */
export const MemoriaContextSchema = z.object({
  userId: z
    .string()
    .min(1, "userId must not be empty")
    .max(256, "userId must be at most 256 characters")
    .refine((s) => s.trim().length > 0, "userId must not be blank")
    .refine((s) => !hasControlChars(s), "userId must not contain control characters"),
  tier: z.enum(TIERS).default("A"),
  profile: z.string().max(20_000).optional(),
  topK: z.number().int().min(1).max(100).default(6),
  minScore: z.number().min(-1).max(1).default(0.15),
  entityLimit: z.number().int().min(0).max(100).default(6),
  profileItems: z.number().int().min(0).max(100).default(8),
  historyTokenBudget: z.number().int().min(64).max(200_000).default(2_000),
  summaryThresholdMessages: z.number().int().min(4).max(10_000).default(20),
  summaryThresholdTokens: z.number().int().min(256).max(1_000_000).default(4_000),
  keepLastMessages: z.number().int().min(2).max(1_000).default(6),
  maxMessageTokens: z.number().int().min(16).max(1_000_000).default(16_000),
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

/** Reads the run context from a node's config (`context`, falling back to `configurable` for older clients). */
export function contextFromConfig(config: LangGraphRunnableConfig | undefined): MemoriaContext {
  const fromContext = (config?.context ?? {}) as Record<string, unknown>;
  const configurable = (config?.configurable ?? {}) as Record<string, unknown>;
  const fallback = Object.fromEntries(
    Object.keys(MemoriaContextSchema.shape)
      .filter((k) => configurable[k] !== undefined)
      .map((k) => [k, configurable[k]]),
  );
  return parseContext({ ...fallback, ...fromContext });
}

/** The checkpointer thread id of a run, if any. */
export function threadIdFromConfig(config: LangGraphRunnableConfig | undefined): string | undefined {
  const id = config?.configurable?.thread_id;
  return typeof id === "string" && id.length > 0 ? id : undefined;
}
