import type { LangGraphRunnableConfig, RetryPolicy } from "@langchain/langgraph";
import { END, START, StateGraph } from "@langchain/langgraph";
import type { z } from "zod";
import { ConfigError, StorageError } from "../config/errors.js";
import { createLlmEntityExtractor } from "../memory/extraction/llm-entity-extractor.js";
import { createLlmFactExtractor } from "../memory/extraction/llm-fact-extractor.js";
import { createLlmSummarizer } from "../memory/extraction/llm-summarizer.js";
import { createExtractFactsNode } from "../nodes/extract-facts.js";
import { createRespondNode } from "../nodes/respond.js";
import { createRetrieveMemoriesNode } from "../nodes/retrieve-memories.js";
import { createSummarizeIfLongNode } from "../nodes/summarize-if-long.js";
import { createUpdateEntitiesNode } from "../nodes/update-entities.js";
import type { GraphDeps } from "./deps.js";
import { NODES, routeAfterRespond, routeStart } from "./routes.js";
import { MemoriaContextInputSchema } from "./context.js";
import { MemoriaInput, MemoriaOutput, MemoriaState, type MemoriaStateType, type MemoriaUpdate } from "./state.js";

/** Dependencies, or a function that creates them on first use (so importing the graph opens no connection). */
export type GraphDepsSource = GraphDeps | (() => Promise<GraphDeps>);

// The runtime schema gives Studio its form; callers keep typing context as MemoriaContextInput (validated by parseContext).
type AnyContext = z.ZodObject<Record<never, never>>;

type Node = (state: MemoriaStateType, config: LangGraphRunnableConfig) => Promise<MemoriaUpdate>;

const storageRetry: RetryPolicy = { maxAttempts: 3, initialInterval: 200, retryOn: (e) => e instanceof StorageError };

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new ConfigError(`The graph needs ${what} for this tier.`);
  return value;
}

/** Options of buildGraph. */
export interface BuildGraphOptions {
  /** Rewrites an error a node throws (the dev server turns connection failures into the REPL's explanation). */
  mapError?: (error: unknown) => unknown;
}

/** Wires the five nodes and the tier routing into an uncompiled StateGraph; compile it with your checkpointer. */
export function buildGraph(source: GraphDepsSource, options: BuildGraphOptions = {}) {
  let loading: Promise<GraphDeps> | undefined;
  const load = typeof source === "function" ? () => (loading ??= source()) : () => Promise.resolve(source);
  const lazy =
    (make: (deps: GraphDeps) => Node): Node =>
    async (state, config) => {
      try {
        return await make(await load())(state, config);
      } catch (error) {
        throw options.mapError ? options.mapError(error) : error;
      }
    };

  return new StateGraph(MemoriaState, { input: MemoriaInput, output: MemoriaOutput, context: MemoriaContextInputSchema as unknown as AnyContext })
    .addNode(NODES.retrieve, lazy((d) => createRetrieveMemoriesNode(d)), { retryPolicy: storageRetry })
    .addNode(NODES.respond, lazy((d) => createRespondNode(d)))
    .addNode(
      NODES.extract,
      lazy((d) => createExtractFactsNode({ ...d, memory: required(d.memory, "deps.memory"), extractor: d.factExtractor ?? createLlmFactExtractor(d.chatModel) })),
    )
    .addNode(
      NODES.entities,
      lazy((d) => createUpdateEntitiesNode({ ...d, entities: required(d.entities, "deps.entities"), extractor: d.entityExtractor ?? createLlmEntityExtractor(d.chatModel) })),
    )
    .addNode(NODES.summarize, lazy((d) => createSummarizeIfLongNode({ ...d, summarizer: d.summarizer ?? createLlmSummarizer(d.chatModel) })))
    .addConditionalEdges(START, routeStart, [NODES.retrieve, NODES.respond])
    .addEdge(NODES.retrieve, NODES.respond)
    .addConditionalEdges(NODES.respond, routeAfterRespond, [NODES.extract, NODES.entities, NODES.summarize, END])
    .addEdge(NODES.extract, NODES.entities)
    .addEdge(NODES.entities, NODES.summarize)
    .addEdge(NODES.summarize, END);
}
