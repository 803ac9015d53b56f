import { loadConfig, type AppConfig } from "../config/env.js";
import { ConfigError, MemoriaError } from "../config/errors.js";
import { buildGraph } from "../graph/build-graph.js";
import { closeSharedMemoria, sharedMemoria } from "../graph/compiled.js";
import { createChatModel } from "../providers/create-chat-model.js";
import { checkChatEndpoint } from "./check-endpoint.js";
import { describeError } from "./friendly-error.js";

/** Turns an unexplained model failure (server down, bad key, unknown model) into the REPL's message; other errors pass through. */
function explain(config: AppConfig) {
  return (error: unknown): unknown => {
    if (error instanceof MemoriaError) return error;
    const text = describeError(error, config.chatModel);
    return text.startsWith("Something went wrong") ? error : new MemoriaError(text, { cause: error });
  };
}

function closeOnSignals(): void {
  const stop = () => void closeSharedMemoria().finally(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** Checks the configuration and the chat model before the dev server accepts runs, so a missing model fails at start. */
async function loadDevServerGraph() {
  let config: AppConfig | undefined;
  try {
    config = loadConfig();
    await createChatModel(config.chatModel, { openaiApiKey: config.openaiApiKey, openaiBaseUrl: config.openaiBaseUrl });
    await checkChatEndpoint(config);
  } catch (error) {
    throw new ConfigError(`memoria cannot start: ${describeError(error, config?.chatModel)}`, { cause: error });
  }
  closeOnSignals();
  return buildGraph(async () => (await sharedMemoria()).deps, { mapError: explain(config) }).compile({ name: "memoria" });
}

/** The graph `langgraphjs dev` serves (see langgraph.json): validated at start, with the stores closed on SIGINT/SIGTERM. */
export const graph = loadDevServerGraph();
