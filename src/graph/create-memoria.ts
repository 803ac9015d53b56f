import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { loadConfig, type AppConfig, type ExtractionMode } from "../config/env.js";
import { consoleLogger, type Logger } from "../config/logger.js";
import { BackgroundExtraction, SHARED_QUEUE_POLL_MS } from "../memory/background/background-extraction.js";
import { openCheckpointer } from "../memory/store/checkpointer.js";
import type { EntityExtractor, FactExtractor, Summarizer } from "../memory/extraction/extractor-types.js";
import { defaultExtractors } from "../memory/extraction/default-extractors.js";
import { runExtractionJob } from "../memory/extraction/run-extraction.js";
import { UserRuns } from "../memory/ledger/user-runs.js";
import { MemoryApi } from "../memory/api/memory-api.js";
import { openStores, type OpenStores, type StoreOptions } from "../memory/store/open-stores.js";
import type { RankingOptions } from "../memory/ranking.js";
import { fallbackReconciler } from "../memory/reconcile/fallback-reconciler.js";
import { createLlmReconciler } from "../memory/reconcile/llm-reconciler.js";
import { checkGuidance } from "../memory/memory-guidance.js";
import type { Reconciler } from "../memory/reconcile/reconciler-types.js";
import { createChatModel } from "../providers/create-chat-model.js";
import { createEmbedderFromConfig } from "../providers/create-embedder.js";
import type { Embedder } from "../providers/embedder.js";
import { DEFAULT_MODEL_TIMEOUT_MS, withModelTimeout } from "../providers/model-timeout.js";
import { buildGraph } from "./build-graph.js";
import type { GraphDeps } from "./deps.js";
import { wrapGraph } from "./wrap-graph.js";
import { closeOnExit } from "./close-on-exit.js";

/** Overrides for createMemoria; anything left out comes from the environment configuration. */
export interface CreateMemoriaOptions {
  config?: AppConfig;
  chatModel?: BaseChatModel;
  embedder?: Embedder;
  /** A checkpointer to use instead of the configured one; false compiles without one. */
  checkpointer?: BaseCheckpointSaver | false;
  factExtractor?: FactExtractor;
  entityExtractor?: EntityExtractor;
  summarizer?: Summarizer;
  /** The developer's one-line guidance on what to remember (e.g. "Only remember dietary and travel facts"), given to the extraction and reconcile prompts as fenced data. */
  memoryInstructions?: string;
  /** true lets api.reset() erase every user (for tests); without it reset refuses. */
  allowReset?: boolean;
  /** The categories extraction files memories under (the extractor's category field is limited to them); default: any word. */
  categories?: string[];
  /** Decides ADD/UPDATE/SUPERSEDE/DELETE/NONE for new memories; defaults to the chat model, or to the deterministic fallback when a factExtractor is injected (oracle runs). */
  reconciler?: Reconciler;
  /** "inline" extracts before the run returns; "background" returns after the reply and extracts afterwards, in order per user; "off" stores episodes only. Default: MEMORIA_EXTRACTION, else "inline". */
  extraction?: ExtractionMode;
  /** false leaves extraction jobs queued by earlier processes for a later start (a process without a chat model); default true. */
  resumeQueue?: boolean;
  /** Episodes kept per user, oldest dropped first (default DEFAULT_MAX_EPISODES_PER_USER). */
  maxEpisodesPerUser?: number;
  ranking?: RankingOptions;
  /** Search tuning and index cache bounds; maxAgeMs and maxBytes default to MEMORIA_SEARCH_MAX_AGE_MS and MEMORIA_SEARCH_CACHE_MB. */
  search?: StoreOptions["search"];
  logger?: Logger;
  clock?: () => Date;
  /** Ids for new memories (default: random UUIDs); a generator that counts makes ties in ranking break the same way on every run. */
  newId?: () => string;
}

/** A running memoria instance: the compiled graph over real stores, the memory API, and how to shut it down. */
export interface Memoria {
  graph: ReturnType<typeof compile>;
  deps: GraphDeps;
  stores: OpenStores;
  /** add, search, get, list, update, delete, deleteUser, export, import, history. */
  api: MemoryApi;
  /** Post-reply extraction queue (used when extraction is "background"; also resumes work left by an earlier process). */
  background: BackgroundExtraction;
  /** Extraction jobs waiting in the queue (of one user, or of all), including ones retrying after a model or Chroma outage. */
  pendingExtractions(userId?: string): Promise<number>;
  /** The users' graph runs in flight (deleteUser waits for them). */
  runs: UserRuns;
  checkpointer?: BaseCheckpointSaver;
  embedder: Embedder;
  config: AppConfig;
  /** Finishes the background jobs already running (the others stay queued for the next start), then closes the stores and the checkpointer; runs by itself when the process has nothing left to do. */
  close(): Promise<void>;
}

function compile(deps: GraphDeps, checkpointer?: BaseCheckpointSaver) {
  return buildGraph(deps).compile({ checkpointer, name: "memoria" });
}

/** Opens Chroma (embedded or external), the checkpointer and the models, and compiles the memory graph over them. */
export async function createMemoria(options: CreateMemoriaOptions = {}): Promise<Memoria> {
  const config = options.config ?? loadConfig();
  const chatModel = withModelTimeout(
    options.chatModel ??
      (await createChatModel(config.chatModel, { openaiApiKey: config.openaiApiKey, openaiBaseUrl: config.openaiBaseUrl })),
    config.modelTimeoutMs ?? DEFAULT_MODEL_TIMEOUT_MS,
  );
  const embedder = options.embedder ?? (await createEmbedderFromConfig(config));
  const logger = options.logger ?? consoleLogger;
  const guidance = checkGuidance(options.memoryInstructions, options.categories);
  const reconciler = options.reconciler ?? (options.factExtractor ? fallbackReconciler : createLlmReconciler(chatModel, guidance));
  const stores = await openStores({
    chromaUrl: config.chromaUrl,
    dataDir: config.dataDir,
    collectionPrefix: config.collectionPrefix,
    embedder,
    embedderSpec: options.embedder ? undefined : config.embeddings,
    clock: options.clock,
    newId: options.newId,
    reconciler,
    ranking: options.ranking,
    search: { maxAgeMs: config.searchMaxAgeMs, maxBytes: config.searchCacheBytes, ...options.search },
    searchSnapshots: config.searchSnapshots,
    logger,
    chromaTimeoutMs: config.chromaTimeoutMs,
    maxEpisodesPerUser: options.maxEpisodesPerUser,
    ledger: config.ledger === "postgres" ? { kind: "postgres", url: config.postgresUrl! } : undefined,
  });
  let opened: Awaited<ReturnType<typeof openCheckpointer>> | undefined;
  try {
    if (options.checkpointer === undefined) {
      opened = await openCheckpointer({
        kind: config.checkpointer,
        dataDir: config.dataDir,
        postgresUrl: config.postgresUrl,
        keep: config.checkpointKeep,
      });
    }
  } catch (error) {
    await stores.close();
    throw error;
  }
  const checkpointer = options.checkpointer === false ? undefined : (options.checkpointer ?? opened?.saver);
  const extractors = defaultExtractors(chatModel, options, guidance);
  const extraction = options.extraction ?? config.extraction ?? "inline";
  const runners = { memory: stores.memory, entities: stores.entities, ...extractors };
  const shared = stores.ledger.kind === "postgres";
  const background = new BackgroundExtraction(
    stores.ledger.queue,
    (job) => runExtractionJob(runners, job),
    logger,
    {},
    {
      pollMs: shared ? SHARED_QUEUE_POLL_MS : undefined,
    },
    { maxPerUser: config.queueMaxPerUser, waitMs: config.queueWaitMs },
  );
  if (options.resumeQueue !== false) await background.resume();
  const deps: GraphDeps = {
    chatModel,
    memory: stores.memory,
    entities: stores.entities,
    ...extractors,
    extraction,
    background: extraction === "background" ? background : undefined,
    retryQueue: background,
    threads: stores.ledger.threads,
    messageLimits: config.messageLimits,
    logger: options.logger,
    clock: options.clock,
  };
  const runs = new UserRuns();
  const api = new MemoryApi({
    ...runners,
    ledger: stores.ledger,
    checkpointer,
    background,
    runs,
    logger,
    clock: options.clock,
    allowReset: options.allowReset === true,
  });
  let closing: Promise<void> | undefined;
  const shutdown = async () => {
    forgetAtExit();
    await background.close();
    await Promise.all([stores.close(), opened?.close()]);
  };
  const close = () => (closing ??= shutdown());
  const forgetAtExit = closeOnExit(close, logger);
  return {
    graph: wrapGraph(compile(deps, checkpointer), { tracking: { threads: stores.ledger.threads, runs }, clock: options.clock }),
    deps,
    stores,
    api,
    background,
    pendingExtractions: (userId) => background.pending(userId),
    runs,
    checkpointer,
    embedder,
    config,
    close,
  };
}
