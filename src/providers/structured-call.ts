import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessageLike } from "@langchain/core/messages";
import type { z } from "zod";
import { ModelOutputError } from "../config/errors.js";
import { asModelUnavailable } from "./model-unavailable.js";

/** Tags of memoria's internal model calls (extraction, reconciliation, summaries): LangGraph keeps them out of `messages` stream mode. */
export const INTERNAL_CALL_TAGS = ["langsmith:nostream"];

/** A reusable structured-output call: the model answers through a named tool and the answer is validated with zod. */
export type StructuredCall<S extends z.ZodType> = (messages: BaseMessageLike[]) => Promise<z.output<S>>;

/** Binds a zod schema to a chat model; an outage becomes ModelUnavailableError, other failures and off-schema answers ModelOutputError, naming the task. */
export function structuredCall<S extends z.ZodObject>(model: BaseChatModel, schema: S, name: string, task: string): StructuredCall<S> {
  const structured = model.withStructuredOutput(schema, { name }).withConfig({ tags: INTERNAL_CALL_TAGS });
  return async (messages) => {
    let output: unknown;
    try {
      output = await structured.invoke(messages);
    } catch (error) {
      const message = `${task} failed: ${(error as Error).message}`;
      throw asModelUnavailable(error, message) ?? new ModelOutputError(message, { cause: error });
    }
    const parsed = schema.safeParse(output);
    if (!parsed.success) throw new ModelOutputError(`${task} returned output that does not fit its schema`, { cause: parsed.error });
    return parsed.data;
  };
}
