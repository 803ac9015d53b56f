export { createRetrieveMemoriesNode, type RetrieveMemoriesDeps } from "../nodes/retrieve-memories.js";
export { createExtractFactsNode, type ExtractFactsDeps } from "../nodes/extract-facts.js";
export { createUpdateEntitiesNode, type UpdateEntitiesDeps } from "../nodes/update-entities.js";
export { createSummarizeIfLongNode, type SummarizeIfLongDeps } from "../nodes/summarize-if-long.js";
export { createRespondNode, type RespondDeps } from "../nodes/respond.js";
export type { ExtractionStepDeps } from "../nodes/extraction-step.js";
export { MemoriaState, RetrievedEntitySchema, RetrievedMemorySchema, type MemoriaStateType, type MemoriaUpdate } from "../graph/state.js";
export { memoriaNodes, renderMemoryContext, type MemoriaNodesOptions } from "./memoria-nodes.js";
