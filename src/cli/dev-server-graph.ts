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

/** The configuration problem that stops every run (no or unknown chat model), printed once at start; undefined when runs can go. */
async function startProblem(): Promise<{ config?: AppConfig; problem?: ConfigError }> {
  let config: AppConfig | undefined;
  try {
    config = loadConfig();
    await createChatModel(config.chatModel, { openaiApiKey: config.openaiApiKey, openaiBaseUrl: config.openaiBaseUrl });
  } catch (error) {
    return { config, problem: new ConfigError(`memoria cannot start: ${describeError(error, config?.chatModel)}`, { cause: error }) };
  }
  await checkChatEndpoint(config).catch((error: unknown) => console.error(`memoria: ${describeError(error, config?.chatModel)}`));
  return { config };
}

/**
 * Checks the configuration and the chat model at start. The server listens either way (Studio can show why): with no usable
 * chat model every run fails with the same explanation the REPL prints; a model server that does not answer yet is reported,
 * and runs fail with the REPL's explanation only while it stays down.
 */
async function loadDevServerGraph() {
  const { config, problem } = await startProblem();
  if (problem) console.error(problem.message);
  closeOnSignals();
  return guardSharedGraph(
    buildGraph(async () => (await sharedMemoria()).deps, { mapError: (error) => explainModelError(error, config?.chatModel) }).compile({
      name: "memoria",
    }),
    problem,
  );
}

/** The graph `langgraphjs dev` serves (see langgraph.json): validated at start, with the stores closed on SIGINT/SIGTERM. */
export const graph = loadDevServerGraph();
