import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { EXTRACT_FACTS_PROMPT, extractedFactsSchema } from "./extract-facts-prompt.js";
import { GUIDANCE_HINT, guidanceBlock, type MemoryGuidance } from "../memory-guidance.js";
import { escapeData } from "../escape-data.js";
import { RETRACTION_EXTRACTION_HINT } from "../reconcile/reconcile-memory-prompt.js";
import { structuredCall } from "../../providers/structured-call.js";
import type { FactExtractor } from "./extractor-types.js";

/** Extracts memories with the chat model's structured output, following the developer's guidance (instructions, categories) when given. */
export function createLlmFactExtractor(model: BaseChatModel, guidance?: MemoryGuidance): FactExtractor {
  const extract = structuredCall(model, extractedFactsSchema(guidance?.categories), "extract_memories", "Fact extraction");
  const fence = guidanceBlock(guidance);
  const hint = fence ? ` ${GUIDANCE_HINT}` : "";
  return async (input) => {
    const output = await extract([
      { role: "system", content: `${EXTRACT_FACTS_PROMPT.replace("{now}", input.now.slice(0, 10))} ${RETRACTION_EXTRACTION_HINT}${hint}` },
      {
        role: "user",
        content: `${fence ? `${fence}\n` : ""}<user_message>\n${escapeData(input.userMessage)}\n</user_message>\n<assistant_reply>\n${escapeData(input.assistantMessage ?? "")}\n</assistant_reply>`,
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
