import type { Memoria } from "../graph/create-memoria.js";
import type { MemoriaStateType } from "../graph/state.js";
import { createLlmEntityExtractor } from "../memory/extraction/llm-entity-extractor.js";
import { createLlmFactExtractor } from "../memory/extraction/llm-fact-extractor.js";
import { createExtractFactsNode } from "../nodes/extract-facts.js";
import { createRetrieveMemoriesNode } from "../nodes/retrieve-memories.js";
import { createUpdateEntitiesNode } from "../nodes/update-entities.js";

/** Options of memoriaNodes. */
export interface MemoriaNodesOptions {
  /** "background" queues extraction to run after the reply (default: the instance's own setting). */
  extraction?: "inline" | "background";
}

/** The retrieve and extract nodes of a memoria instance, ready for your own StateGraph (its state must include MemoriaState's channels). */
export function memoriaNodes(memoria: Pick<Memoria, "deps" | "background">, options: MemoriaNodesOptions = {}) {
  const d = memoria.deps;
  const background = (options.extraction ?? (d.background ? "background" : "inline")) === "background" ? memoria.background : undefined;
  const step = { background, retryQueue: memoria.background, threads: d.threads, logger: d.logger, clock: d.clock };
  return {
    /** Searches the user's memories, profile and entities for the latest user message into state. */
    retrieve: createRetrieveMemoriesNode(d),
    /** Extracts memories from the latest exchange (the last reply without tool calls) and reconciles them. */
    extractFacts: createExtractFactsNode({ ...step, memory: d.memory!, extractor: d.factExtractor ?? createLlmFactExtractor(d.chatModel) }),
    /** Extracts people, places and things from the latest user message into entity memory. */
    updateEntities: createUpdateEntitiesNode({
      ...step,
      entities: d.entities!,
      extractor: d.entityExtractor ?? createLlmEntityExtractor(d.chatModel),
    }),
  };
}

/** What was retrieved for this turn as a system-prompt section (empty when nothing was found). */
export function renderMemoryContext(state: Pick<MemoriaStateType, "memories" | "entities" | "userProfile">): string {
  const parts: string[] = [];
  if (state.userProfile?.trim()) parts.push(`What you know about the user:\n${state.userProfile.trim()}`);
  if (state.memories?.length) parts.push(`Relevant memories:\n${state.memories.map((m) => `- ${m.content}`).join("\n")}`);
  if (state.entities?.length) {
    const line = (e: MemoriaStateType["entities"][number]) =>
      `- ${e.name} (${e.kind})${
        Object.keys(e.attributes).length
          ? `: ${Object.entries(e.attributes)
              .map(([k, v]) => `${k}: ${v}`)
              .join("; ")}`
          : ""
      }`;
    parts.push(`People, places and things:\n${state.entities.map(line).join("\n")}`);
  }
  return parts.join("\n\n");
}
