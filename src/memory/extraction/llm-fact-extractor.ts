import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { EXTRACT_FACTS_PROMPT, ExtractedFactsSchema } from "./extract-facts-prompt.js";
import { escapeData } from "../escape-data.js";
import { RETRACTION_EXTRACTION_HINT } from "../reconcile/reconcile-memory-prompt.js";
import { structuredCall } from "../../providers/structured-call.js";
import type { FactExtractor } from "./extractor-types.js";

/** Extracts memories with the chat model's structured output. */
export function createLlmFactExtractor(model: BaseChatModel): FactExtractor {
  const extract = structuredCall(model, ExtractedFactsSchema, "extract_memories", "Fact extraction");
  return async (input) => {
    const output = await extract([
      { role: "system", content: `${EXTRACT_FACTS_PROMPT.replace("{now}", input.now.slice(0, 10))} ${RETRACTION_EXTRACTION_HINT}` },
      {
        role: "user",
        content: `<user_message>\n${escapeData(input.userMessage)}\n</user_message>\n<assistant_reply>\n${escapeData(input.assistantMessage ?? "")}\n</assistant_reply>`,
      },
    ]);
    return output.memories.map((m) => ({
      content: m.content,
      type: m.type,
      category: m.category.trim().toLowerCase() || "other",
      importance: m.importance,
      eventDate: m.eventDate,
    }));
  };
}
