import { loadConfig } from "../config/env.js";
import { noChatModel } from "../providers/no-chat-model.js";
import { createMemoria, type Memoria } from "./create-memoria.js";
import { buildGraph } from "./build-graph.js";
import { wrapGraph } from "./wrap-graph.js";

let shared: Promise<Memoria> | undefined;

/** The process-wide memoria instance behind the exported `graph` and the memory HTTP API, created on first use from the environment (close it with `.close()`); without MEMORIA_CHAT_MODEL its memories can be read and edited, and any step that needs the model fails with a ConfigError. */
export function sharedMemoria(): Promise<Memoria> {
  if (!shared) {
    shared = (async () => {
      const config = loadConfig();
      if (config.chatModel?.trim()) return createMemoria({ config, checkpointer: false, extraction: config.extraction ?? "background" });
      const chatModel = noChatModel("The memoria server");
      return createMemoria({ config, chatModel, checkpointer: false, extraction: "off", resumeQueue: false });
    })();
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

/** Wraps a graph compiled over the shared instance's deps: `configurable.userId` read as context, thread ownership, deleteUser waiting for runs, failed turns rolled back, one turn at a time per thread; with `refuse`, every run fails with it. */
export function guardSharedGraph<G extends object>(compiled: G, refuse?: Error): G {
  return wrapGraph(compiled, {
    tracking: async () => {
      const memoria = await sharedMemoria();
      return { threads: memoria.stores.ledger.threads, runs: memoria.runs };
    },
    refuse,
  });
}

/** The compiled memory graph for embedding in a LangGraph server; stores open on the first run, and the server supplies the checkpointer. Importing it opens nothing. */
export const graph = guardSharedGraph(buildGraph(async () => (await sharedMemoria()).deps).compile({ name: "memoria" }));
