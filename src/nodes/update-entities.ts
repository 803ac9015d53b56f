import { isAIMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { silentLogger, type Logger } from "../config/logger.js";
import { contextFromConfig, threadIdFromConfig } from "../graph/context.js";
import type { MemoriaStateType, MemoriaUpdate } from "../graph/state.js";
import type { EntityExtractor } from "../memory/extraction/extractor-types.js";
import { mergeEntities, type ExtractionJob } from "../memory/extraction/run-extraction.js";
import type { EntityMemory } from "../memory/interfaces.js";
import { lastExchange } from "./last-exchange.js";

/** Dependencies of the update-entities node. */
export interface UpdateEntitiesDeps {
  entities: EntityMemory;
  extractor: EntityExtractor;
  /** When set, the work is queued to run after the reply instead of inline. */
  background?: { enqueue(job: ExtractionJob): void };
  threads?: { register(userId: string, threadId: string, at?: string): void };
  logger?: Logger;
  clock?: () => Date;
}

/** Creates the node that extracts entities from the latest exchange and merges them into entity memory. */
export function createUpdateEntitiesNode(deps: UpdateEntitiesDeps) {
  return async (state: MemoriaStateType, config: LangGraphRunnableConfig): Promise<MemoriaUpdate> => {
    const ctx = contextFromConfig(config);
    const exchange = lastExchange(state.messages, isAIMessage);
    if (!exchange) return {};
    const now = ctx.now ?? (deps.clock?.() ?? new Date()).toISOString();
    const threadId = threadIdFromConfig(config);
    if (threadId) deps.threads?.register(ctx.userId, threadId, now);
    const job: ExtractionJob = { kind: "entities", input: { userId: ctx.userId, ...exchange, now, threadId }, source: { threadId } };
    try {
      if (deps.background) deps.background.enqueue(job);
      else await mergeEntities(deps.entities, deps.extractor, job);
    } catch (error) {
      (deps.logger ?? silentLogger).warn(`update-entities: nothing merged for this turn (${(error as Error).message})`, error);
    }
    return {};
  };
}
