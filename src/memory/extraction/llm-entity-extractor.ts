import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ModelOutputError } from "../../config/errors.js";
import { ExtractedEntitiesSchema, UPDATE_ENTITIES_PROMPT } from "../../prompts/update-entities-prompt.js";
import { escapeData } from "../../prompts/escape-data.js";
import type { EntityExtractor } from "./extractor-types.js";

/** Extracts entities and their attributes with the chat model's structured output. */
export function createLlmEntityExtractor(model: BaseChatModel): EntityExtractor {
  const structured = model.withStructuredOutput(ExtractedEntitiesSchema, { name: "extract_entities" });
  return async (input) => {
    let output: unknown;
    try {
      output = await structured.invoke([
        { role: "system", content: UPDATE_ENTITIES_PROMPT },
        { role: "user", content: `<user_message>\n${escapeData(input.userMessage)}\n</user_message>` },
      ]);
    } catch (error) {
      throw new ModelOutputError(`Entity extraction failed: ${(error as Error).message}`, { cause: error });
    }
    const parsed = ExtractedEntitiesSchema.safeParse(output);
    if (!parsed.success) throw new ModelOutputError("Entity extraction returned output that does not fit its schema", { cause: parsed.error });
    return parsed.data.entities.map((e) => ({
      name: e.name,
      kind: e.kind,
      attributes: Object.fromEntries(e.attributes.map((a) => [a.key, a.value])),
    }));
  };
}
