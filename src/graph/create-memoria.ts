import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { loadConfig, type AppConfig } from "../config/env.js";
import type { Logger } from "../config/logger.js";
import { openCheckpointer } from "../memory/checkpointer.js";
import type { EntityExtractor, FactExtractor, Summarizer } from "../memory/extraction/extractor-types.js";
import { openStores, type OpenStores } from "../memory/open-stores.js";
import { createChatModel } from "../providers/create-chat-model.js";
import { createEmbedder } from "../providers/create-embedder.js";
import type { Embedder } from "../providers/embedder.js";
import { buildGraph } from "./build-graph.js";
import type { GraphDeps } from "./deps.js";

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
  logger?: Logger;
  clock?: () => Date;
}

/** A running memoria instance: the compiled graph over real stores, and how to shut it down. */
export interface Memoria {
  graph: ReturnType<typeof compile>;
  deps: GraphDeps;
  stores: OpenStores;
  checkpointer?: BaseCheckpointSaver;
  embedder: Embedder;
  config: AppConfig;
  close(): Promise<void>;
}

function compile(deps: GraphDeps, checkpointer?: BaseCheckpointSaver) {
  return buildGraph(deps).compile({ checkpointer, name: "memoria" });
}

/** Opens Chroma (embedded or external), the checkpointer and the models, and compiles the memory graph over them. */
export async function createMemoria(options: CreateMemoriaOptions = {}): Promise<Memoria> {
  const config = options.config ?? loadConfig();
  const chatModel =
    options.chatModel ?? (await createChatModel(config.chatModel, { openaiApiKey: config.openaiApiKey, openaiBaseUrl: config.openaiBaseUrl }));
  const embedder =
    options.embedder ??
    (await createEmbedder(config.embeddings, {
      dataDir: config.dataDir,
      openaiApiKey: config.openaiApiKey,
      openaiBaseUrl: config.openaiBaseUrl,
      allowRemoteModels: config.allowRemoteModels,
    }));
  const stores = await openStores({ chromaUrl: config.chromaUrl, dataDir: config.dataDir, collectionPrefix: config.collectionPrefix, embedder, clock: options.clock });
  let opened: Awaited<ReturnType<typeof openCheckpointer>> | undefined;
  try {
    if (options.checkpointer === undefined) {
      opened = await openCheckpointer({ kind: config.checkpointer, dataDir: config.dataDir, postgresUrl: config.postgresUrl });
    }
  } catch (error) {
    await stores.close();
    throw error;
  }
  const checkpointer = options.checkpointer === false ? undefined : (options.checkpointer ?? opened?.saver);
  const deps: GraphDeps = {
    chatModel,
    memory: stores.memory,
    entities: stores.entities,
    factExtractor: options.factExtractor,
    entityExtractor: options.entityExtractor,
    summarizer: options.summarizer,
    logger: options.logger,
    clock: options.clock,
  };
  let closing: Promise<void> | undefined;
  return {
    graph: compile(deps, checkpointer),
    deps,
    stores,
    checkpointer,
    embedder,
    config,
    close: () => (closing ??= Promise.all([stores.close(), opened?.close()]).then(() => undefined)),
  };
}
