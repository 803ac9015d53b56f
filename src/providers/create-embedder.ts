import { ConfigError } from "../config/errors.js";
import type { Embedder } from "./embedder.js";
import { HashEmbeddings } from "./hash-embeddings.js";
import { LocalEmbeddings } from "./local-embeddings.js";
import { OpenAIEmbedder } from "./openai-embedder.js";
import { TransformersEmbedder } from "./transformers-embedder.js";

/** Options shared by every embedder the factory can build. */
export interface EmbedderOptions {
  dataDir: string;
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  allowRemoteModels?: boolean;
}

/** Builds the embedder named by a MEMORIA_EMBEDDINGS spec: `local` (default), `hash`, `openai:<model>` or `transformers:<model>`. */
export async function createEmbedder(spec: string, options: EmbedderOptions): Promise<Embedder> {
  const trimmed = spec.trim() || "local";
  const colon = trimmed.indexOf(":");
  const kind = colon < 0 ? trimmed : trimmed.slice(0, colon);
  const arg = colon < 0 ? "" : trimmed.slice(colon + 1).trim();
  switch (kind) {
    case "local":
      return new LocalEmbeddings();
    case "hash":
      return new HashEmbeddings(arg ? parseDimension(arg, trimmed) : undefined);
    case "openai":
      return OpenAIEmbedder.create(arg, { apiKey: options.openaiApiKey, baseUrl: options.openaiBaseUrl });
    case "transformers":
      return TransformersEmbedder.create(arg, { dataDir: options.dataDir, allowRemoteModels: options.allowRemoteModels });
    default:
      throw new ConfigError(`Unknown MEMORIA_EMBEDDINGS "${spec}". Use local, hash, openai:<model> or transformers:<model>.`);
  }
}

/** Builds the embedder a configuration names (MEMORIA_EMBEDDINGS unless `spec` is given), with its data directory and credentials. */
export function createEmbedderFromConfig(
  config: EmbedderOptions & { embeddings: string },
  spec: string = config.embeddings,
): Promise<Embedder> {
  const { dataDir, openaiApiKey, openaiBaseUrl, allowRemoteModels } = config;
  return createEmbedder(spec, { dataDir, openaiApiKey, openaiBaseUrl, allowRemoteModels });
}

function parseDimension(arg: string, spec: string): number {
  const n = Number(arg);
  if (!Number.isInteger(n) || n < 8 || n > 4096)
    throw new ConfigError(`MEMORIA_EMBEDDINGS "${spec}": hash dimension must be an integer 8-4096.`);
  return n;
}
