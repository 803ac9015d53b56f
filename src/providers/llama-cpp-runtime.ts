import type { GbnfJsonSchema, Llama, LlamaChat, LlamaContext, LlamaGrammar, LlamaModel } from "node-llama-cpp";
import { ConfigError } from "../config/errors.js";
import type { GrammarJsonSchema, LlamaHistoryItem } from "./llama-cpp-types.js";

/** How a GGUF model is loaded and sampled by default. */
export interface LlamaCppRuntimeOptions {
  modelPath: string;
  threads?: number;
  contextSize?: number;
  maxTokens?: number;
  temperature?: number;
  seed?: number;
}

/** Per-generation settings; undefined fields fall back to the runtime options. */
export interface LlamaCppGenerateOptions {
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  stop?: string[];
  signal?: AbortSignal;
  jsonSchema?: GrammarJsonSchema;
  onTextChunk?: (text: string) => void;
}

/** Generated text and why generation stopped. */
export interface LlamaCppGeneration {
  text: string;
  stopReason: string;
}

const DEFAULT_MAX_CONTEXT = 4096;
const DEFAULT_MAX_TOKENS = 1024;

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
  chat: LlamaChat;
}

async function importNodeLlamaCpp(): Promise<typeof import("node-llama-cpp")> {
  try {
    return await import("node-llama-cpp");
  } catch (error) {
    throw new ConfigError(
      "The llama-cpp chat model needs the optional package node-llama-cpp: run `npm install node-llama-cpp`, or use MEMORIA_CHAT_MODEL=openai:<model>.",
      { cause: error },
    );
  }
}

/** One lazily loaded GGUF model with a single context sequence; generations run one at a time. */
export class LlamaCppRuntime {
  private loading?: Promise<Loaded>;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();

  constructor(readonly options: LlamaCppRuntimeOptions) {}

  /** Loads the model once; concurrent callers share the same load. */
  async load(): Promise<void> {
    await this.loaded();
  }

  private loaded(): Promise<Loaded> {
    this.loading ??= this.loadOnce().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  /** Generates a reply to the history, streaming text chunks and optionally constrained by a JSON schema grammar. */
  generate(history: LlamaHistoryItem[], options: LlamaCppGenerateOptions = {}): Promise<LlamaCppGeneration> {
    return this.exclusive(async () => {
      const { llama, chat } = await this.loaded();
      const grammar = options.jsonSchema ? await this.grammarFor(llama, options.jsonSchema) : undefined;
      const result = await chat.generateResponse(history, {
        maxTokens: options.maxTokens ?? this.options.maxTokens ?? DEFAULT_MAX_TOKENS,
        temperature: options.temperature ?? this.options.temperature,
        seed: options.seed ?? this.options.seed,
        signal: options.signal,
        customStopTriggers: options.stop?.length ? options.stop : undefined,
        onTextChunk: options.onTextChunk,
        grammar,
      });
      return { text: result.response, stopReason: result.metadata.stopReason };
    });
  }

  /** Frees the context, model and native backend after in-flight generations finish; a later call reloads. */
  async dispose(): Promise<void> {
    await this.exclusive(async () => {
      const loading = this.loading;
      this.loading = undefined;
      this.grammars.clear();
      if (!loading) return;
      const loaded = await loading.catch(() => undefined);
      if (!loaded) return;
      loaded.chat.dispose();
      await loaded.context.dispose();
      await loaded.model.dispose();
      await loaded.llama.dispose();
    });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private grammarFor(llama: Llama, schema: GrammarJsonSchema): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = llama
        .createGrammarForJsonSchema<GbnfJsonSchema, Record<string, GbnfJsonSchema>>(schema as GbnfJsonSchema)
        .catch((error: unknown) => {
          this.grammars.delete(key);
          throw new ConfigError(`Could not build a llama.cpp grammar for the JSON schema ${key}`, { cause: error });
        });
      this.grammars.set(key, grammar);
    }
    return grammar;
  }

  private async loadOnce(): Promise<Loaded> {
    const { getLlama, LlamaChat, LlamaLogLevel } = await importNodeLlamaCpp();
    const { modelPath, threads = 1, contextSize } = this.options;
    let llama: Llama;
    try {
      llama = await getLlama({ build: "never", logLevel: LlamaLogLevel.error });
    } catch (error) {
      throw new ConfigError(
        "node-llama-cpp has no prebuilt binary for this platform; build one with `npx --no node-llama-cpp source download`.",
        { cause: error },
      );
    }
    try {
      const model = await llama.loadModel({ modelPath });
      const context = await model.createContext({ threads, contextSize: contextSize ?? { max: DEFAULT_MAX_CONTEXT }, sequences: 1 });
      const chat = new LlamaChat({ contextSequence: context.getSequence(), autoDisposeSequence: true });
      return { llama, model, context, chat };
    } catch (error) {
      await llama.dispose();
      throw new ConfigError(`Could not load the GGUF model at ${modelPath}: ${(error as Error).message}`, { cause: error });
    }
  }
}
