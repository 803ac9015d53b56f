import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput, StructuredOutputMethodOptions } from "@langchain/core/language_models/base";
import { BaseChatModel, type BaseChatModelCallOptions, type BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import { RunnableLambda, type Runnable } from "@langchain/core/runnables";
import type { SerializableSchema } from "@langchain/core/utils/standard_schema";
import type { InteropZodType } from "@langchain/core/utils/types";
import { toChatHistory } from "./llama-cpp-history.js";
import { LlamaCppRuntime, type LlamaCppGeneration, type LlamaCppRuntimeOptions } from "./llama-cpp-runtime.js";
import type { GrammarJsonSchema } from "./llama-cpp-types.js";
import { grammarSchemaFor, parseStructuredOutput } from "./structured-output.js";

/** Constructor options: where the GGUF file is and how to sample from it. */
export interface ChatLlamaCppInput extends BaseChatModelParams, LlamaCppRuntimeOptions {}

/** Per-call options; `jsonSchema` constrains the reply with a grammar (set by withStructuredOutput). */
export interface ChatLlamaCppCallOptions extends BaseChatModelCallOptions {
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  jsonSchema?: GrammarJsonSchema;
}

type StructuredSchema<T> = InteropZodType<T> | SerializableSchema<T> | Record<string, unknown>;

/** A LangChain chat model running a local GGUF model through node-llama-cpp, fully offline. */
export class ChatLlamaCpp extends BaseChatModel<ChatLlamaCppCallOptions, AIMessageChunk> {
  private readonly runtime: LlamaCppRuntime;

  static override lc_name(): string {
    return "ChatLlamaCpp";
  }

  constructor(fields: ChatLlamaCppInput) {
    super(fields);
    const { modelPath, threads, contextSize, maxTokens, temperature, seed } = fields;
    this.runtime = new LlamaCppRuntime({ modelPath, threads, contextSize, maxTokens, temperature, seed });
  }

  _llmType(): string {
    return "llama-cpp";
  }

  override _identifyingParams(): Record<string, unknown> {
    return { ...this.runtime.options };
  }

  /** Loads the model now instead of on the first call. */
  async load(): Promise<void> {
    await this.runtime.load();
  }

  /** Frees the native model and context; a later call loads them again. */
  async dispose(): Promise<void> {
    await this.runtime.dispose();
  }

  private run(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    onTextChunk?: (text: string) => void,
  ): Promise<LlamaCppGeneration> {
    return this.runtime.generate(toChatHistory(messages), {
      maxTokens: options.maxTokens,
      temperature: options.temperature,
      seed: options.seed,
      stop: options.stop,
      signal: options.signal,
      jsonSchema: options.jsonSchema,
      onTextChunk,
    });
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const { text, stopReason } = await this.run(messages, options);
    const message = new AIMessage({ content: text, response_metadata: { stop_reason: stopReason } });
    return { generations: [{ text, message, generationInfo: { stopReason } }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    let finished = false;
    const abort = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
    const running = this.run(messages, { ...options, signal }, (text) => {
      queue.push(text);
      wake?.();
    }).finally(() => {
      finished = true;
      wake?.();
    });
    try {
      for (;;) {
        const text = queue.shift();
        if (text !== undefined) {
          const chunk = new ChatGenerationChunk({ text, message: new AIMessageChunk({ content: text }) });
          yield chunk;
          await runManager?.handleLLMNewToken(text, undefined, undefined, undefined, undefined, { chunk });
        } else if (finished) {
          break;
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
      const { stopReason } = await running;
      yield new ChatGenerationChunk({
        text: "",
        message: new AIMessageChunk({ content: "", response_metadata: { stop_reason: stopReason } }),
      });
    } finally {
      if (!finished) {
        abort.abort();
        await running.catch(() => undefined);
      }
    }
  }

  override withStructuredOutput<RunOutput extends Record<string, unknown> = Record<string, unknown>>(
    schema: StructuredSchema<RunOutput>,
    config?: StructuredOutputMethodOptions<false>,
  ): Runnable<BaseLanguageModelInput, RunOutput, ChatLlamaCppCallOptions>;
  override withStructuredOutput<RunOutput extends Record<string, unknown> = Record<string, unknown>>(
    schema: StructuredSchema<RunOutput>,
    config?: StructuredOutputMethodOptions<true>,
  ): Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: RunOutput }, ChatLlamaCppCallOptions>;
  override withStructuredOutput(
    schema: object,
    config?: StructuredOutputMethodOptions<boolean>,
  ): Runnable<BaseLanguageModelInput, unknown, ChatLlamaCppCallOptions> {
    const model = this.withConfig({ jsonSchema: grammarSchemaFor(schema) });
    const parse = (raw: BaseMessage) =>
      parseStructuredOutput(raw.text, schema, (raw.response_metadata as { stop_reason?: string }).stop_reason === "maxTokens");
    if (!config?.includeRaw) {
      return model.pipe(RunnableLambda.from(parse)).withConfig({ runName: config?.name ?? "StructuredOutput" });
    }
    const withRaw = RunnableLambda.from(async (raw: BaseMessage) => {
      try {
        return { raw, parsed: await parse(raw) };
      } catch (error) {
        return { raw, parsed: null, parsing_error: error };
      }
    });
    return model.pipe(withRaw).withConfig({ runName: config?.name ?? "StructuredOutputRunnable" });
  }
}
