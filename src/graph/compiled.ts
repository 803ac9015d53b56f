import { createMemoria, type Memoria } from "./create-memoria.js";
import { buildGraph } from "./build-graph.js";

let shared: Promise<Memoria> | undefined;

/** The process-wide memoria instance behind the exported `graph`, created on first use from the environment (close it with `.close()`). */
export function sharedMemoria(): Promise<Memoria> {
  if (!shared) {
    shared = createMemoria({ checkpointer: false });
    shared.catch(() => (shared = undefined));
  }
  return shared;
}

/** Closes the shared instance if one was opened; the next run opens a new one. */
export async function closeSharedMemoria(): Promise<void> {
  const opened = shared;
  shared = undefined;
  await (await opened?.catch(() => undefined))?.close();
}

/** The compiled memory graph for embedding in a LangGraph server; stores open on the first run, and the server supplies the checkpointer. Importing it opens nothing. */
export const graph = buildGraph(async () => (await sharedMemoria()).deps).compile({ name: "memoria" });
