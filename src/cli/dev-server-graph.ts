import { loadConfig, type AppConfig } from "../config/env.js";
import { ConfigError } from "../config/errors.js";
import { buildGraph } from "../graph/build-graph.js";
import { closeSharedMemoria, guardSharedGraph, sharedMemoria } from "../graph/compiled.js";
import { createChatModel } from "../providers/create-chat-model.js";
import { checkChatEndpoint } from "./check-endpoint.js";
import { describeError, explainModelError } from "./friendly-error.js";

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
  return guardSharedGraph(
    buildGraph(async () => (await sharedMemoria()).deps, { mapError: (error) => explainModelError(error, config?.chatModel) }).compile({
      name: "memoria",
    }),
  );
}

/** The graph `langgraphjs dev` serves (see langgraph.json): validated at start, with the stores closed on SIGINT/SIGTERM. */
export const graph = loadDevServerGraph();
