import { isAIMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { silentLogger, type Logger } from "../config/logger.js";
import { contextFromConfig, threadIdFromConfig } from "../graph/context.js";
import type { MemoriaStateType, MemoriaUpdate } from "../graph/state.js";
import type { FactExtractor } from "../memory/extraction/extractor-types.js";
import { storeFacts, type ExtractionJob } from "../memory/extraction/run-extraction.js";
import type { LongTermMemory } from "../memory/interfaces.js";
import { lastExchange } from "./last-exchange.js";

/** Dependencies of the extract-facts node. */
export interface ExtractFactsDeps {
  memory: LongTermMemory;
  extractor: FactExtractor;
  /** When set, the work is queued to run after the reply instead of inline. */
  background?: { enqueue(job: ExtractionJob): void };
  threads?: { register(userId: string, threadId: string, at?: string): void };
  logger?: Logger;
  clock?: () => Date;
}

/** Creates the node that extracts memories from the latest exchange and writes them, reconciled, to long-term memory. */
export function createExtractFactsNode(deps: ExtractFactsDeps) {
  return async (state: MemoriaStateType, config: LangGraphRunnableConfig): Promise<MemoriaUpdate> => {
    const ctx = contextFromConfig(config);
    const exchange = lastExchange(state.messages, isAIMessage);
    if (!exchange) return {};
    const now = ctx.now ?? (deps.clock?.() ?? new Date()).toISOString();
    const threadId = threadIdFromConfig(config);
    if (threadId) deps.threads?.register(ctx.userId, threadId, now);
    const job: ExtractionJob = {
      kind: "facts",
      input: { userId: ctx.userId, ...exchange, now, threadId },
      source: { threadId, messageIds: exchange.messageId ? [exchange.messageId] : [] },
    };
    try {
      if (deps.background) deps.background.enqueue(job);
      else await storeFacts(deps.memory, deps.extractor, job);
    } catch (error) {
      (deps.logger ?? silentLogger).warn(`extract-facts: nothing stored for this turn (${(error as Error).message})`, error);
    }
    return {};
  };
}
