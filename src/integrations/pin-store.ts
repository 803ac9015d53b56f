import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { ConfigError } from "../config/errors.js";
import { interceptRunDefaults } from "../graph/langgraph-internals.js";
import { MemoriaStore } from "./memoria-store.js";
import { userIdFromRunConfig } from "./run-user.js";

type RunConfig = Parameters<typeof userIdFromRunConfig>[0] & { store?: BaseStore };

const runUser = (config: RunConfig): string | undefined => {
  try {
    return userIdFromRunConfig(config);
  } catch {
    return undefined;
  }
};

/**
 * Keeps a compiled graph's store when a host (such as `langgraphjs dev`) assigns its own before every run; returns the graph.
 * A MemoriaStore is also given to each run as `store.forUser(run's userId)`, so a node acts for the run's user whatever namespace it names
 * (LangGraph's batching calls the store outside the run; a run without a user gets the store as is, which then refuses).
 */
export function pinStore<G extends object>(graph: G, store: BaseStore): G {
  Object.defineProperty(graph, "store", { get: () => store, set: () => undefined, configurable: true, enumerable: true });
  if (!(store instanceof MemoriaStore)) return graph;
  const pinned = interceptRunDefaults<RunConfig>(graph, (defaults) => (config) => {
    const userId = config.store ? undefined : runUser(config);
    return defaults(userId === undefined ? config : { ...config, store: store.forUser(userId) });
  });
  if (!pinned)
    throw new ConfigError("pinStore needs a compiled LangGraph graph (its per-run defaults are where each run gets its user's store).");
  return graph;
}
