import type { RunnableConfig } from "@langchain/core/runnables";
import { InvalidContextError } from "../config/errors.js";
import { MemoriaContextSchema } from "../graph/context.js";

/** Validates a user id with the same rules as the run context; throws InvalidContextError. */
export function checkUserId(userId: unknown, where: string): string {
  const parsed = MemoriaContextSchema.shape.userId.safeParse(userId);
  if (!parsed.success)
    throw new InvalidContextError(`Invalid userId from ${where}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

/** The user of a run: the LangGraph context `userId`, else `configurable.userId`, else the fallback; throws when none is set. */
export function userIdFromRunConfig(config: RunnableConfig | undefined, fallback?: string): string {
  const context = (config as { context?: Record<string, unknown> } | undefined)?.context;
  if (context?.userId !== undefined) return checkUserId(context.userId, "the run context");
  const configurable = config?.configurable as Record<string, unknown> | undefined;
  if (configurable?.userId !== undefined) return checkUserId(configurable.userId, "config.configurable");
  if (fallback !== undefined) return checkUserId(fallback, "the constructor");
  throw new InvalidContextError("No user for this call: pass { context: { userId } } (or configurable.userId) in the run config.");
}
