import { Embeddings } from "@langchain/core/embeddings";
import { OpenAIEmbeddings } from "@langchain/openai";
import { ConfigError } from "../config/errors.js";
import type { Embedder } from "./embedder.js";

/** Output dimensions of the OpenAI embedding models whose size is known without a request. */
export const OPENAI_DIMENSIONS: Readonly<Record<string, number>> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};

/** Connection settings for an OpenAI-compatible embeddings endpoint. */
export interface OpenAIEmbedderOptions {
  apiKey?: string;
  baseUrl?: string;
}

/** OpenAI (or compatible) embeddings that know their model id and dimension. */
export class OpenAIEmbedder extends Embeddings implements Embedder {
  readonly modelId: string;
  readonly dimension: number;
  private readonly inner: OpenAIEmbeddings;

  private constructor(inner: OpenAIEmbeddings, model: string, dimension: number) {
    super({});
    this.inner = inner;
    this.modelId = `openai:${model}`;
    this.dimension = dimension;
  }

  /** Builds the embedder; for a model outside the known table it asks the endpoint once for the dimension. */
  static async create(model: string, options: OpenAIEmbedderOptions): Promise<OpenAIEmbedder> {
    if (!model) throw new ConfigError('MEMORIA_EMBEDDINGS=openai:<model> needs a model, e.g. "openai:text-embedding-3-small".');
    if (!options.apiKey && !options.baseUrl) {
      throw new ConfigError(`MEMORIA_EMBEDDINGS=openai:${model} needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server).`);
    }
    const inner = new OpenAIEmbeddings({
      model,
      apiKey: options.apiKey ?? "not-needed",
      ...(options.baseUrl ? { configuration: { baseURL: options.baseUrl } } : {}),
    });
    const known = OPENAI_DIMENSIONS[model];
    if (known) return new OpenAIEmbedder(inner, model, known);
    const probe = await inner.embedQuery("dimension probe").catch((cause: unknown) => {
      throw new ConfigError(`Could not reach embeddings model "${model}" to learn its dimension.`, { cause });
    });
    return new OpenAIEmbedder(inner, model, probe.length);
  }

  embedDocuments(texts: string[]): Promise<number[][]> {
    return this.inner.embedDocuments(texts);
  }

  embedQuery(text: string): Promise<number[]> {
    return this.inner.embedQuery(text);
  }
}
