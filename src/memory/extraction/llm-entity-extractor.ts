import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ExtractedEntitiesSchema, UPDATE_ENTITIES_PROMPT } from "./update-entities-prompt.js";
import { escapeData } from "../escape-data.js";
import { structuredCall } from "../../providers/structured-call.js";
import type { EntityExtractor } from "./extractor-types.js";

/** Extracts entities and their attributes with the chat model's structured output. */
export function createLlmEntityExtractor(model: BaseChatModel): EntityExtractor {
  const extract = structuredCall(model, ExtractedEntitiesSchema, "extract_entities", "Entity extraction");
  return async (input) => {
    const output = await extract([
      { role: "system", content: UPDATE_ENTITIES_PROMPT },
      { role: "user", content: `<user_message>\n${escapeData(input.userMessage)}\n</user_message>` },
    ]);
    return output.entities.map((e) => ({
      name: e.name,
      kind: e.kind,
      attributes: Object.fromEntries(e.attributes.map((a) => [a.key, a.value])),
      ...(e.status ? { status: e.status } : {}),
    }));
  };
}
