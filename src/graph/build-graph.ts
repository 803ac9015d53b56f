import type { LangGraphRunnableConfig, RetryPolicy } from "@langchain/langgraph";
import { END, START, StateGraph } from "@langchain/langgraph";
import { ConfigError, StorageError } from "../config/errors.js";
import { defaultExtractors } from "../memory/extraction/default-extractors.js";
import { createExtractFactsNode } from "../nodes/extract-facts.js";
import { createRespondNode } from "../nodes/respond.js";
import { createRetrieveMemoriesNode } from "../nodes/retrieve-memories.js";
import { createSummarizeIfLongNode } from "../nodes/summarize-if-long.js";
import { createUpdateEntitiesNode } from "../nodes/update-entities.js";
import type { GraphDeps } from "./deps.js";
import { NODES, routeAfterRespond, routeStart } from "./routes.js";
import { MemoriaState, type MemoriaStateType, type MemoriaUpdate } from "./state.js";

/** Dependencies, or a function that creates them on first use (so importing the graph opens no connection). */
export type GraphDepsSource = GraphDeps | (() => Promise<GraphDeps>);

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

/** Wires the five nodes and the tier routing into an uncompiled StateGraph; compile it with your checkpointer. */
export function buildGraph(source: GraphDepsSource) {
  let nodes: Promise<Record<NodeId, Node>> | undefined;
  const load = () => (nodes ??= (typeof source === "function" ? source() : Promise.resolve(source)).then(createNodes));
  const node =
    (id: NodeId): Node =>
    async (state, config) =>
      (await load())[id](state, config);

  return new StateGraph(MemoriaState)
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
