import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Logger } from "../config/logger.js";
import type { EntityExtractor, FactExtractor, Summarizer } from "../memory/extraction/extractor-types.js";
import type { ExtractionMode } from "../config/env.js";
import type { ExtractionJob, ExtractionQueue } from "../memory/extraction/run-extraction.js";
import type { EntityMemory, LongTermMemory } from "../memory/interfaces.js";
import type { MessageLimits } from "../nodes/message-limits.js";

/** Everything the graph's nodes need; tests and evals inject fakes or oracles here. */
export interface GraphDeps {
  chatModel: BaseChatModel;
  /** Long-term semantic memory (tier A). */
  memory?: LongTermMemory;
  /** Entity memory (tiers B and A). */
  entities?: EntityMemory;
  /** Defaults to structured-output extraction with chatModel. */
  factExtractor?: FactExtractor;
  /** Defaults to structured-output extraction with chatModel. */
  entityExtractor?: EntityExtractor;
  /** Defaults to summarisation with chatModel. */
  summarizer?: Summarizer;
  /** "inline" (default): extraction runs before the run ends; "background": it is queued and runs after the reply; "off": no extraction (tier A still stores episodes). */
  extraction?: ExtractionMode;
  /** The queue background extraction goes to; required when extraction is "background". */
  background?: { enqueue(job: ExtractionJob): Promise<void> };
  /** Inline mode: the durable queue a turn's extraction or episode goes to when Chroma or the model is down, so it is retried, not lost. */
  retryQueue?: ExtractionQueue;
  /** Records which threads a user runs on, so deleteUser can remove them. */
  threads?: { register(userId: string, threadId: string, at?: string): Promise<void> };
  /** The deployment's maximum user message (MEMORIA_MAX_MESSAGE_CHARS / _TOKENS); a run's context may only lower it. */
  messageLimits?: Partial<MessageLimits>;
  logger?: Logger;
  clock?: () => Date;
}
