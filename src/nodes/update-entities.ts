import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { MemoriaStateType, MemoriaUpdate } from "../graph/state.js";
import type { EntityExtractor } from "../memory/extraction/extractor-types.js";
import { mergeEntities } from "../memory/extraction/run-extraction.js";
import type { EntityMemory } from "../memory/interfaces.js";
import { runExtractionStep, type ExtractionStepDeps } from "./extraction-step.js";

/** Dependencies of the update-entities node. */
export interface UpdateEntitiesDeps extends ExtractionStepDeps {
  entities: EntityMemory;
  extractor: EntityExtractor;
}

/** Creates the node that extracts entities from the latest exchange and merges them into entity memory. */
export function createUpdateEntitiesNode(deps: UpdateEntitiesDeps) {
  return async (state: MemoriaStateType, config: LangGraphRunnableConfig): Promise<MemoriaUpdate> => {
    await runExtractionStep("entities", state, config, deps, (job) => mergeEntities(deps.entities, deps.extractor, job));
    return {};
  };
}
