import { Embeddings } from "@langchain/core/embeddings";
import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ConfigError } from "../config/errors.js";
import type { Embedder } from "./embedder.js";

/** Where to look for (and whether to download) a transformers.js model. */
export interface TransformersEmbedderOptions {
  dataDir: string;
  allowRemoteModels?: boolean;
}

type Extractor = (texts: string[], options: { pooling: "mean"; normalize: boolean }) => Promise<{ tolist(): number[][] }>;

/** Sentence embeddings from a local ONNX model run by @huggingface/transformers (mean pooled, normalised). */
export class TransformersEmbedder extends Embeddings implements Embedder {
  readonly modelId: string;
  readonly dimension: number;
  private readonly extractor: Extractor;

  private constructor(extractor: Extractor, model: string, dimension: number) {
    super({});
    this.extractor = extractor;
    this.modelId = `transformers:${model}`;
    this.dimension = dimension;
  }

  /** Loads a model from a local directory, `<dataDir>/models/<id>`, or (only when allowed) the Hugging Face Hub. */
  static async create(model: string, options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    if (!model) throw new ConfigError("MEMORIA_EMBEDDINGS=transformers:<model> needs a model id or a local directory.");
    const lib = await import("@huggingface/transformers").catch((cause: unknown) => {
      throw new ConfigError(
        "MEMORIA_EMBEDDINGS=transformers:... needs the optional package @huggingface/transformers: run `npm install @huggingface/transformers`, or use MEMORIA_EMBEDDINGS=local.",
        { cause },
      );
    });
    const asPath = resolve(model);
    const isDir = existsSync(asPath);
    lib.env.allowRemoteModels = options.allowRemoteModels === true;
    lib.env.allowLocalModels = true;
    lib.env.localModelPath = isDir ? dirname(asPath) : join(options.dataDir, "models");
    lib.env.cacheDir = join(options.dataDir, "cache", "transformers");
    const id = isDir ? basename(asPath) : model;
    let extractor: Extractor;
    try {
      extractor = (await lib.pipeline("feature-extraction", id, { dtype: "fp32" })) as unknown as Extractor;
    } catch (cause) {
      const where = isDir ? asPath : join(options.dataDir, "models", model);
      const hint = options.allowRemoteModels ? "" : " Put the model there, or set MEMORIA_ALLOW_REMOTE_MODELS=1 to download it.";
      throw new ConfigError(`transformers model "${model}" could not be loaded from ${where}.${hint}`, { cause });
    }
    const [probe] = (await extractor(["dimension probe"], { pooling: "mean", normalize: true })).tolist();
    return new TransformersEmbedder(extractor, model, probe?.length ?? 0);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (!texts.length) return [];
    return (await this.extractor(texts, { pooling: "mean", normalize: true })).tolist();
  }

  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.embedDocuments([text]);
    return v ?? [];
  }
}
