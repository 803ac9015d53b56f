import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ModelOutputError } from "../../config/errors.js";
import { SUMMARIZE_PROMPT } from "./summarize-prompt.js";
import { escapeData, escapeField } from "../escape-data.js";
import { INTERNAL_CALL_TAGS } from "../../providers/structured-call.js";
import { messageText } from "../token-counter.js";
import type { Summarizer } from "./extractor-types.js";

/** Summarises older messages with the chat model. */
export function createLlmSummarizer(model: BaseChatModel): Summarizer {
  return async ({ previousSummary, messages }) => {
    const transcript = messages.map((m) => `${m.getType()}: ${escapeField(messageText(m))}`).join("\n");
    const reply = await model.invoke(
      [
        { role: "system", content: SUMMARIZE_PROMPT },
        {
          role: "user",
          content: `<previous_summary>\n${escapeData(previousSummary)}\n</previous_summary>\n<new_messages>\n${transcript}\n</new_messages>`,
        },
      ],
      { tags: INTERNAL_CALL_TAGS },
    );
    const text = messageText(reply).trim();
    if (!text) throw new ModelOutputError("The summarizer returned an empty summary");
    return text;
  };
}
