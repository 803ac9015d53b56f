import { RemoveMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { silentLogger, type Logger } from "../config/logger.js";
import { contextFromConfig } from "../graph/context.js";
import { summaryCut } from "../graph/message-window.js";
import type { MemoriaStateType, MemoriaUpdate } from "../graph/state.js";
import type { Summarizer } from "../memory/extraction/extractor-types.js";
import { capTokensKeepEnd } from "../memory/cap-tokens.js";
import { countMessageTokens } from "../memory/token-counter.js";

/** Dependencies of the summarize-if-long node. */
export interface SummarizeIfLongDeps {
  summarizer: Summarizer;
  logger?: Logger;
}

/** Creates the node that, past the message or token threshold, folds older messages into the summary (capped at maxSummaryTokens) and removes them. */
export function createSummarizeIfLongNode(deps: SummarizeIfLongDeps) {
  return async (state: MemoriaStateType, config: LangGraphRunnableConfig): Promise<MemoriaUpdate> => {
    const ctx = contextFromConfig(config);
    const messages = state.messages;
    const overCount = messages.length > ctx.summaryThresholdMessages;
    if (!overCount && countMessageTokens(messages) <= ctx.summaryThresholdTokens) return {};
    const cut = summaryCut(messages, ctx.keepLastMessages);
    if (cut === 0) return {};
    const older = messages.slice(0, cut);
    try {
      const summary = capTokensKeepEnd(await deps.summarizer({ previousSummary: state.summary, messages: older }), ctx.maxSummaryTokens);
      return { summary, messages: older.flatMap((m) => (m.id ? [new RemoveMessage({ id: m.id })] : [])) };
    } catch (error) {
      (deps.logger ?? silentLogger).warn(`summarize-if-long: kept the full history this turn (${(error as Error).message})`, error);
      return {};
    }
  };
}
