import { END, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { contextFromConfig } from "./context.js";
import { TIER_CAPABILITIES } from "./tiers.js";

/** Node ids of the memory graph; each matches its file in src/nodes. */
export const NODES = {
  retrieve: "retrieve-memories",
  respond: "respond",
  extract: "extract-facts",
  entities: "update-entities",
  summarize: "summarize-if-long",
} as const;

/** From START: tiers with entity or semantic memory retrieve first; the others answer at once. */
export function routeStart(_state: unknown, config: LangGraphRunnableConfig): typeof NODES.retrieve | typeof NODES.respond {
  const caps = TIER_CAPABILITIES[contextFromConfig(config).tier];
  return caps.entities || caps.semantic ? NODES.retrieve : NODES.respond;
}

/** After the reply: A extracts facts, B updates entities, C only summarises, D and F are done. */
export function routeAfterRespond(
  _state: unknown,
  config: LangGraphRunnableConfig,
): typeof NODES.extract | typeof NODES.entities | typeof NODES.summarize | typeof END {
  const caps = TIER_CAPABILITIES[contextFromConfig(config).tier];
  if (caps.semantic) return NODES.extract;
  if (caps.entities) return NODES.entities;
  if (caps.history) return NODES.summarize;
  return END;
}
