import { ConfigError } from "../config/errors.js";
import type { Embedder } from "./embedder.js";
import { HashEmbeddings } from "./hash-embeddings.js";

/** Options shared by every embedder the factory can build. */
export interface EmbedderOptions {
  dataDir: string;
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  allowRemoteModels?: boolean;
}

/** Builds the embedder named by a MEMORIA_EMBEDDINGS spec such as `local`, `hash` or `openai:text-embedding-3-small`. */
export async function createEmbedder(spec: string, _options: EmbedderOptions): Promise<Embedder> {
  const [kind] = spec.split(":", 1);
  switch (kind) {
    case "hash":
    case "local":
      return new HashEmbeddings();
    default:
      throw new ConfigError(`Unknown MEMORIA_EMBEDDINGS "${spec}". Use local, hash, openai:<model> or transformers:<model>.`);
  }
}
