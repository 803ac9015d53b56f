import type { ChromaClient, Collection } from "chromadb";
import { EmbedderMismatchError, StorageError } from "../../../config/errors.js";
import type { Embedder } from "../../../providers/embedder.js";

/** Opens (or creates) a cosine collection filled by this embedder; refuses one built by another embedder. */
export async function openCollection(client: ChromaClient, name: string, embedder: Embedder): Promise<Collection> {
  let collection: Collection;
  try {
    collection = await client.getOrCreateCollection({
      name,
      embeddingFunction: null,
      configuration: { hnsw: { space: "cosine" } },
      metadata: { embedder: embedder.modelId, dimension: embedder.dimension },
    });
  } catch (error) {
    throw new StorageError(`Could not open Chroma collection "${name}": ${(error as Error).message}`, { cause: error });
  }
  assertSameEmbedder(name, collection.metadata, embedder);
  return collection;
}

/** Throws EmbedderMismatchError when a collection's recorded embedder or dimension differs from the one in use. */
export function assertSameEmbedder(name: string, metadata: Record<string, unknown> | undefined, embedder: Embedder): void {
  const recorded = metadata?.embedder;
  const dimension = metadata?.dimension;
  if (recorded === undefined) return;
  if (recorded !== embedder.modelId || Number(dimension) !== embedder.dimension) {
    throw new EmbedderMismatchError(
      `Collection "${name}" was built with embedder ${String(recorded)} (dimension ${String(dimension)}), ` +
        `but the current embedder is ${embedder.modelId} (dimension ${embedder.dimension}). ` +
        `Set MEMORIA_EMBEDDINGS back, or rebuild the vectors with: npx tsx src/cli/reindex.ts --to <MEMORIA_EMBEDDINGS spec> --all`,
    );
  }
}

/** A Chroma `where` filter that matches one user and optional extra equality conditions. */
export function userWhere(userId: string, extra: Record<string, string | number | boolean> = {}) {
  const clauses = [{ userId: { $eq: userId } }, ...Object.entries(extra).map(([k, v]) => ({ [k]: { $eq: v } }))];
  return clauses.length === 1 ? clauses[0]! : { $and: clauses };
}

/** Wraps a Chroma call so failures surface as StorageError with the operation named. */
export async function chromaCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError(`Chroma ${what} failed: ${(error as Error).message}`, { cause: error });
  }
}
