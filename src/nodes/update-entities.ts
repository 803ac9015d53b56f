import { isAIMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { silentLogger, type Logger } from "../config/logger.js";
import { contextFromConfig, threadIdFromConfig } from "../graph/context.js";
import type { MemoriaStateType, MemoriaUpdate } from "../graph/state.js";
import type { EntityExtractor } from "../memory/extraction/extractor-types.js";
import type { EntityMemory } from "../memory/interfaces.js";
import { lastExchange } from "./last-exchange.js";

/** Dependencies of the update-entities node. */
export interface UpdateEntitiesDeps {
  entities: EntityMemory;
  extractor: EntityExtractor;
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
    try {
      const updates = await deps.extractor({ userId: ctx.userId, ...exchange, now, threadId: threadIdFromConfig(config) });
      if (updates.length) await deps.entities.merge(ctx.userId, updates, now);
    } catch (error) {
      (deps.logger ?? silentLogger).warn(`update-entities: nothing merged for this turn (${(error as Error).message})`, error);
    }
    return {};
  };
}
