import { isAIMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { QueueFullError } from "../config/errors.js";
import { silentLogger, type Logger } from "../config/logger.js";
import { contextFromConfig, threadIdFromConfig } from "../graph/context.js";
import type { MemoriaStateType } from "../graph/state.js";
import { isTransientFailure } from "../memory/background/transient-failure.js";
import type { ExtractionJob, ExtractionQueue } from "../memory/extraction/run-extraction.js";
import { lastExchange } from "./last-exchange.js";

/** What the extraction nodes share: where to queue work, where to register threads, how to log. */
export interface ExtractionStepDeps {
  /** "off": nothing is extracted (the thread is still registered); otherwise inline or, with `background`, queued. */
  extraction?: "inline" | "background" | "off";
  /** When set, the work is queued to run after the reply instead of inline. */
  background?: { enqueue(job: ExtractionJob): Promise<void> };
  /** Inline mode: where a job that failed for a transient reason (Chroma or model down, timeout) goes to be retried instead of being dropped; while the user has jobs there, later ones join them, in order. */
  retryQueue?: ExtractionQueue;
  threads?: { register(userId: string, threadId: string, at?: string): Promise<void> };
  logger?: Logger;
  clock?: () => Date;
}

/** Builds the job for the latest exchange, then queues it or runs it inline; failures are logged so the reply is never lost, except QueueFullError (backpressure). */
export async function runExtractionStep(
  kind: ExtractionJob["kind"],
  state: MemoriaStateType,
  config: LangGraphRunnableConfig,
  deps: ExtractionStepDeps,
  runInline: (job: ExtractionJob) => Promise<unknown>,
): Promise<void> {
  const ctx = contextFromConfig(config);
  const exchange = lastExchange(state.messages, (m) => isAIMessage(m) && !m.tool_calls?.length);
  if (!exchange) return;
  const now = ctx.now ?? (deps.clock?.() ?? new Date()).toISOString();
  const threadId = threadIdFromConfig(config);
  if (threadId) await deps.threads?.register(ctx.userId, threadId, now);
  if (deps.extraction === "off") return;
  const messageIds = kind === "facts" && exchange.messageId ? [exchange.messageId] : undefined;
  const job: ExtractionJob = {
    kind,
    input: { userId: ctx.userId, ...exchange, now, threadId, ...(ctx.agentId ? { agentId: ctx.agentId } : {}) },
    source: { threadId, ...(messageIds ? { messageIds } : {}) },
  };
  const retryQueue = deps.background ? undefined : deps.retryQueue;
  try {
    if (deps.background) await deps.background.enqueue(job);
    else if (retryQueue && (await retryQueue.pending?.(ctx.userId))) await retryQueue.enqueue(job);
    else await runInline(job);
  } catch (error) {
    if (error instanceof QueueFullError) throw error;
    if (retryQueue && isTransientFailure(error)) {
      await retryQueue.enqueue(job);
      (deps.logger ?? silentLogger).warn(
        `${kind === "facts" ? "extract-facts" : "update-entities"}: queued for retry (${(error as Error).message})`,
        error,
      );
      return;
    }
    (deps.logger ?? silentLogger).warn(
      `${kind === "facts" ? "extract-facts: nothing stored" : "update-entities: nothing merged"} for this turn (${(error as Error).message})`,
      error,
    );
  }
}
