import { isAIMessage, isHumanMessage, type BaseMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { QueueFullError } from "../config/errors.js";
import { silentLogger, type Logger } from "../config/logger.js";
import { contextFromConfig, threadIdFromConfig } from "../graph/context.js";
import { isTransientFailure } from "../memory/background/transient-failure.js";
import { turnScope, type ExtractionJob, type ExtractionQueue } from "../memory/extraction/run-extraction.js";
import type { LongTermMemory } from "../memory/interfaces.js";
import { messageText } from "../memory/token-counter.js";

/** Dependencies of the episode step. */
export interface StoreEpisodeDeps {
  memory: LongTermMemory;
  /** Background extraction: when set, the episode is queued (durably, in order with the user's other jobs) instead of written during the turn. */
  background?: { enqueue(job: ExtractionJob): Promise<void> };
  /** Inline mode: where an episode that failed to store (Chroma down, timeout) goes to be retried instead of being dropped. */
  retryQueue?: ExtractionQueue;
  logger?: Logger;
  clock?: () => Date;
}

/** The latest user message and the replies after it, with their message ids. */
function latestExchange(messages: BaseMessage[]): { user: BaseMessage; replies: BaseMessage[] } | undefined {
  const index = messages.findLastIndex((m) => isHumanMessage(m));
  if (index < 0) return undefined;
  return { user: messages[index]!, replies: messages.slice(index + 1).filter((m) => isAIMessage(m) && messageText(m).trim() !== "") };
}

/** Stores the latest exchange of the thread as an episode of the user (no model call), or queues it; a storage failure queues it for retry, other failures are logged. */
export async function storeEpisode(messages: BaseMessage[], config: LangGraphRunnableConfig, deps: StoreEpisodeDeps): Promise<void> {
  const exchange = latestExchange(messages);
  if (!exchange || !messageText(exchange.user).trim()) return;
  const ctx = contextFromConfig(config);
  const now = ctx.now ?? (deps.clock?.() ?? new Date()).toISOString();
  const messageIds = [exchange.user, ...exchange.replies]
    .map((m) => m.id)
    .filter((id): id is string => typeof id === "string" && id.length > 0);
  const episode = { userMessage: messageText(exchange.user), assistantMessage: exchange.replies.map(messageText).join("\n") || undefined };
  const source = { threadId: threadIdFromConfig(config), messageIds };
  const input = { userId: ctx.userId, ...episode, now, threadId: source.threadId, ...(ctx.agentId ? { agentId: ctx.agentId } : {}) };
  const job: ExtractionJob = { kind: "episode", input, source };
  try {
    if (deps.background) await deps.background.enqueue(job);
    else await deps.memory.storeEpisode(ctx.userId, { ...episode, ...turnScope(input) }, source, now);
  } catch (error) {
    if (error instanceof QueueFullError) throw error;
    if (!deps.background && deps.retryQueue && isTransientFailure(error)) {
      await deps.retryQueue.enqueue(job);
      (deps.logger ?? silentLogger).warn(`store-episode: queued for retry (${(error as Error).message})`, error);
      return;
    }
    (deps.logger ?? silentLogger).warn(`store-episode: exchange not stored (${(error as Error).message})`, error);
  }
}
