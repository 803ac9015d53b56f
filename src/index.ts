export { buildGraph, type BuildGraphOptions, type GraphDepsSource } from "./graph/build-graph.js";
export { closeSharedMemoria, graph, sharedMemoria } from "./graph/compiled.js";
export { createMemoria, type CreateMemoriaOptions, type Memoria } from "./graph/create-memoria.js";
export type { GraphDeps } from "./graph/deps.js";
export {
  MemoriaContextInputSchema,
  MemoriaContextSchema,
  parseContext,
  type MemoriaContext,
  type MemoriaContextInput,
} from "./graph/context.js";
export {
  MemoriaInput,
  MemoriaOutput,
  MemoriaState,
  type MemoriaStateType,
  type MemoriaUpdate,
  type RetrievedEntity,
  type RetrievedMemory,
} from "./graph/state.js";
export { TIERS, TIER_CAPABILITIES, TIER_DESCRIPTIONS, type Tier, type TierCapabilities } from "./graph/tiers.js";
export { NODES } from "./graph/routes.js";
export { loadConfig, type AppConfig } from "./config/env.js";
export { loadDotEnv } from "./config/dotenv.js";
export * from "./config/errors.js";
export type { Logger } from "./config/logger.js";
export type { EntityMemory, LongTermMemory, MemorySearchOptions, MemorySource, WriteOutcome } from "./memory/interfaces.js";
export type { EntityRecord, EntityStatus, EntityUpdate, MemoryRecord, MemoryType, NewMemory, ScoredMemory } from "./memory/types.js";
export type { EntityExtractor, ExtractionInput, FactExtractor, Summarizer } from "./memory/extraction/extractor-types.js";
export { ChromaMemoryStore } from "./memory/store/chroma-memory-store.js";
export { ChromaEntityStore } from "./memory/store/chroma-entity-store.js";
export { openStores, type OpenStores, type StoreOptions } from "./memory/store/open-stores.js";
export { openCheckpointer } from "./memory/store/checkpointer.js";
export { startChromaServer, type ChromaServer } from "./memory/records/chroma/chroma-server.js";
export { createChatModel } from "./providers/create-chat-model.js";
export { createEmbedder, type EmbedderOptions } from "./providers/create-embedder.js";
export type { Embedder } from "./providers/embedder.js";
export { HashEmbeddings } from "./providers/hash-embeddings.js";
export { ScriptedChatModel, type ScriptedChatModelOptions } from "./providers/scripted-chat-model.js";
export { MemoryApi } from "./memory/api/memory-api.js";
export type {
  AddManyItem,
  AddManyOptions,
  AddOptions,
  ApiMessage,
  ApiSearchOptions,
  ByIdOptions,
  DeleteUserReport,
  ListOptions,
  MemoryApiDeps,
  MemoryPage,
} from "./memory/api/memory-api-types.js";
export { MEMORY_EXPORT_VERSION, MemoryExportSchema, parseMemoryExport, type MemoryExport } from "./memory/api/memory-export.js";
export type {
  ReconcileAction,
  ReconcileDecision,
  ReconcileInput,
  Reconciler,
  ResolvedDecision,
} from "./memory/reconcile/reconciler-types.js";
export { createLlmReconciler } from "./memory/reconcile/llm-reconciler.js";
export { checkGuidance, MemoryGuidanceSchema, type MemoryGuidance } from "./memory/memory-guidance.js";
export { fallbackReconciler } from "./memory/reconcile/fallback-reconciler.js";
export { BackgroundExtraction } from "./memory/background/background-extraction.js";
export type { HistoryActor, HistoryEvent } from "./memory/ledger/history-log.js";
export { decayRecord, type DecayOptions } from "./memory/decay.js";
export type { ChromaMemoryStoreOptions, MemoryPatch } from "./memory/store/chroma-memory-store-options.js";
export { BUILTIN_CATEGORIES, MemoryAction, type HistoryAction, type MemoryCategory, type MemoryFilters } from "./memory/types.js";
export { EntityRecordSchema, HistoryEventSchema, MemoryFiltersSchema, MemoryRecordSchema } from "./memory/schemas.js";
export { parseFilter, type FilterInput, type SearchFilters } from "./memory/filters/parse-filter.js";
export type { FilterNode, FilterOp } from "./memory/filter-node.js";
export { DEFAULTS } from "./memory/defaults.js";
export { createLlmFactExtractor } from "./memory/extraction/llm-fact-extractor.js";
export { createLlmEntityExtractor } from "./memory/extraction/llm-entity-extractor.js";
export { createLlmSummarizer } from "./memory/extraction/llm-summarizer.js";
export { ChatLlamaCpp } from "./providers/llama-cpp-chat-model.js";
export { LocalEmbeddings } from "./providers/local-embeddings.js";
export * from "./integrations/index.js";
export {
  ScriptedToolCallingModel,
  type ScriptedAgentScript,
  type ScriptedToolCallingModelOptions,
  type ScriptedTurn,
} from "./providers/scripted-tool-model.js";
export { INTERNAL_CALL_TAGS } from "./providers/structured-call.js";
