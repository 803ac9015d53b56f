import type { LangGraphRunnableConfig, RetryPolicy } from "@langchain/langgraph";
import { END, START, StateGraph } from "@langchain/langgraph";
import type { z } from "zod";
import { ConfigError, StorageError } from "../config/errors.js";
import { defaultExtractors } from "../memory/extraction/default-extractors.js";
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
type NodeId = (typeof NODES)[keyof typeof NODES];

const storageRetry: RetryPolicy = { maxAttempts: 3, initialInterval: 200, retryOn: (e) => e instanceof StorageError };

const missing =
  (what: string): Node =>
  async () => {
    throw new ConfigError(`The graph needs ${what} for this tier.`);
  };

/** Builds each node once from the dependencies; a node whose store is absent fails only when a tier that needs it runs. */
function createNodes(deps: GraphDeps): Record<NodeId, Node> {
  const { factExtractor, entityExtractor, summarizer } = defaultExtractors(deps.chatModel, deps);
  const { memory, entities } = deps;
  return {
    [NODES.retrieve]: createRetrieveMemoriesNode(deps),
    [NODES.respond]: createRespondNode(deps),
    [NODES.extract]: memory ? createExtractFactsNode({ ...deps, memory, extractor: factExtractor }) : missing("deps.memory"),
    [NODES.entities]: entities ? createUpdateEntitiesNode({ ...deps, entities, extractor: entityExtractor }) : missing("deps.entities"),
    [NODES.summarize]: createSummarizeIfLongNode({ ...deps, summarizer }),
  };
}

/** Options of buildGraph. */
export interface BuildGraphOptions {
  /** Rewrites an error a node throws (the dev server turns connection failures into the REPL's explanation). */
  mapError?: (error: unknown) => unknown;
}

/** Wires the five nodes and the tier routing into an uncompiled StateGraph; compile it with your checkpointer. */
export function buildGraph(source: GraphDepsSource, options: BuildGraphOptions = {}) {
  let nodes: Promise<Record<NodeId, Node>> | undefined;
  const load = () => {
    if (!nodes) {
      nodes = (typeof source === "function" ? source() : Promise.resolve(source)).then(createNodes);
      nodes.catch(() => (nodes = undefined));
    }
    return nodes;
  };
  const node =
    (id: NodeId): Node =>
    async (state, config) => {
      try {
        return await (await load())[id](state, config);
      } catch (error) {
        throw options.mapError ? options.mapError(error) : error;
      }
    };

  return new StateGraph(MemoriaState, {
    input: MemoriaInput,
    output: MemoriaOutput,
    context: MemoriaContextInputSchema as unknown as AnyContext,
  })
    .addNode(NODES.retrieve, node(NODES.retrieve), { retryPolicy: storageRetry })
    .addNode(NODES.respond, node(NODES.respond))
    .addNode(NODES.extract, node(NODES.extract))
    .addNode(NODES.entities, node(NODES.entities))
    .addNode(NODES.summarize, node(NODES.summarize))
    .addConditionalEdges(START, routeStart, [NODES.retrieve, NODES.respond])
    .addEdge(NODES.retrieve, NODES.respond)
    .addConditionalEdges(NODES.respond, routeAfterRespond, [NODES.extract, NODES.entities, NODES.summarize, END])
    .addEdge(NODES.extract, NODES.entities)
    .addEdge(NODES.entities, NODES.summarize)
    .addEdge(NODES.summarize, END);
}
