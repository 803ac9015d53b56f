import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { MemoriaStateType, MemoriaUpdate } from "../graph/state.js";
import type { FactExtractor } from "../memory/extraction/extractor-types.js";
import { storeFacts } from "../memory/extraction/run-extraction.js";
import type { LongTermMemory } from "../memory/interfaces.js";
import { storeEpisode } from "./store-episode.js";
import { runExtractionStep, type ExtractionStepDeps } from "./extraction-step.js";

/** Dependencies of the extract-facts node. */
export interface ExtractFactsDeps extends ExtractionStepDeps {
  memory: LongTermMemory;
  extractor: FactExtractor;
}

/** Creates the node that stores the latest exchange as an episode, then extracts memories from it and writes them, reconciled, to long-term memory. */
export function createExtractFactsNode(deps: ExtractFactsDeps) {
  return async (state: MemoriaStateType, config: LangGraphRunnableConfig): Promise<MemoriaUpdate> => {
    await storeEpisode(state.messages, config, deps);
    await runExtractionStep("facts", state, config, deps, (job) => storeFacts(deps.memory, deps.extractor, job));
    return {};
  };
}
