import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { EntityExtractor, FactExtractor, Summarizer } from "./extractor-types.js";
import { createLlmEntityExtractor } from "./llm-entity-extractor.js";
import { createLlmFactExtractor } from "./llm-fact-extractor.js";
import { createLlmSummarizer } from "./llm-summarizer.js";
import type { MemoryGuidance } from "../memory-guidance.js";

/** The model-backed steps around a reply: fact extraction, entity extraction and summarisation. */
export interface Extractors {
  factExtractor: FactExtractor;
  entityExtractor: EntityExtractor;
  summarizer: Summarizer;
}

/** The injected extractors, and structured-output ones over the chat model for those left out; the one place defaults are built. */
export function defaultExtractors(chatModel: BaseChatModel, injected: Partial<Extractors> = {}, guidance?: MemoryGuidance): Extractors {
  return {
    factExtractor: injected.factExtractor ?? createLlmFactExtractor(chatModel, guidance),
    entityExtractor: injected.entityExtractor ?? createLlmEntityExtractor(chatModel),
    summarizer: injected.summarizer ?? createLlmSummarizer(chatModel),
  };
}
