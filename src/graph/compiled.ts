import { loadConfig } from "../config/env.js";
import { createMemoria, type Memoria } from "./create-memoria.js";
import { buildGraph } from "./build-graph.js";
import { trackThreads } from "../memory/ledger/track-threads.js";

let shared: Promise<Memoria> | undefined;

/** The process-wide memoria instance behind the exported `graph`, created on first use from the environment. */
export function sharedMemoria(): Promise<Memoria> {
  if (!shared) {
    shared = (async () => {
      const config = loadConfig();
      return createMemoria({ config, checkpointer: false, extraction: config.extraction ?? "background" });
    })();
    shared.then(
      (memoria) => {
        const stop = () => void memoria.close().finally(() => process.exit(0));
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      },
      () => (shared = undefined),
    );
  }
  return shared;
}

/** The compiled memory graph for LangGraph Studio and the dev server; stores open on the first run, and the server supplies the checkpointer. */
export const graph = trackThreads(buildGraph(async () => (await sharedMemoria()).deps).compile({ name: "memoria" }), async () => {
  const memoria = await sharedMemoria();
  return { threads: memoria.stores.ledger.threads, runs: memoria.runs };
});
