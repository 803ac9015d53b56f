import type { BaseStore } from "@langchain/langgraph-checkpoint";

/** Keeps a compiled graph's store when a host (such as `langgraphjs dev`) assigns its own before every run; returns the graph. */
export function pinStore<G extends object>(graph: G, store: BaseStore): G {
  Object.defineProperty(graph, "store", { get: () => store, set: () => undefined, configurable: true, enumerable: true });
  return graph;
}
