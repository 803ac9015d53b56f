import type { EmbeddingsInterface } from "@langchain/core/embeddings";

/** LangChain embeddings that also say which model built the vectors and their dimension. */
export interface Embedder extends EmbeddingsInterface {
  /** Stable identifier of the model and weighting, recorded on every collection it fills. */
  readonly modelId: string;
  /** Length of every vector this embedder returns. */
  readonly dimension: number;
}
