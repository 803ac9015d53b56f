import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ModelOutputError } from "../../config/errors.js";
import { EXTRACT_FACTS_PROMPT, ExtractedFactsSchema } from "../../prompts/extract-facts-prompt.js";
import { escapeData } from "../../prompts/escape-data.js";
import { RETRACTION_EXTRACTION_HINT } from "../../prompts/reconcile-memory-prompt.js";
import type { FactExtractor } from "./extractor-types.js";

/** Extracts memories with the chat model's structured output. */
export function createLlmFactExtractor(model: BaseChatModel): FactExtractor {
  const structured = model.withStructuredOutput(ExtractedFactsSchema, { name: "extract_memories" });
  return async (input) => {
    let output: unknown;
    try {
      output = await structured.invoke([
        { role: "system", content: `${EXTRACT_FACTS_PROMPT.replace("{now}", input.now.slice(0, 10))} ${RETRACTION_EXTRACTION_HINT}` },
        {
          role: "user",
          content: `<user_message>\n${escapeData(input.userMessage)}\n</user_message>\n<assistant_reply>\n${escapeData(input.assistantMessage ?? "")}\n</assistant_reply>`,
        },
      ]);
    } catch (error) {
      throw new ModelOutputError(`Fact extraction failed: ${(error as Error).message}`, { cause: error });
    }
    const parsed = ExtractedFactsSchema.safeParse(output);
    if (!parsed.success) throw new ModelOutputError("Fact extraction returned output that does not fit its schema", { cause: parsed.error });
    return parsed.data.memories.map((m) => ({
      content: m.content,
      type: m.type,
      category: m.category.trim().toLowerCase() || "other",
      importance: m.importance,
      eventDate: m.eventDate,
    }));
  };
}
