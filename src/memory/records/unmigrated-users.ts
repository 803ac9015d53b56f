import { EmbedderMismatchError } from "../../config/errors.js";
import type { Embedder } from "../../providers/embedder.js";
import { deleteWhere } from "./chroma/batches.js";
import { chromaCall, userWhere } from "./chroma/collections.js";
import type { KindCollection } from "./chroma/embedder-collections.js";

/** The MEMORIA_EMBEDDINGS spec that builds an embedder, guessed from its model id when not given. */
export function embedderSpec(embedder: Embedder, given?: string): string {
  if (given) return given;
  return embedder.modelId.startsWith("local:") ? "local" : embedder.modelId;
}

/** The exact reindex command for one user or for everyone. */
export function reindexCommand(spec: string, userId?: string): string {
  return `npx tsx src/cli/reindex.ts --to ${spec} ${userId === undefined ? "--all" : `--user ${userId}`}`;
}

/** Refusal for stores whose memories were all built by other embedders. */
export function notReindexedError(others: KindCollection[], embedder: Embedder, spec: string): EmbedderMismatchError {
  const built = others.map((c) => `"${c.name}" (${c.embedder ?? "unknown"}, dimension ${c.dimension ?? "?"})`).join(", ");
  return new EmbedderMismatchError(
    `The stored memories were built with another embedder: ${built}; the current embedder is ${embedder.modelId} (dimension ${embedder.dimension}). ` +
      `Rebuild their vectors with: ${reindexCommand(spec)} (or set MEMORIA_EMBEDDINGS back).`,
  );
}

/** After a partial reindex: users whose rows still sit in another embedder's collections are refused with their reindex command. */
export class UnmigratedUsers {
  private readonly clean = new Set<string>();

  constructor(
    private readonly others: KindCollection[],
    private readonly embedder: Embedder,
    private readonly spec: string,
  ) {}

  /** Throws EmbedderMismatchError when the user still has rows built by another embedder (checked once per user and process). */
  async check(userId: string): Promise<void> {
    if (this.others.length === 0 || this.clean.has(userId)) return;
    for (const c of this.others) {
      const rows = await chromaCall("get", () => c.collection.get({ where: userWhere(userId), limit: 1, include: [] }));
      if (rows.ids.length) {
        throw new EmbedderMismatchError(
          `The memories of user "${userId}" in "${c.name}" were built with embedder ${c.embedder ?? "unknown"}, not ${this.embedder.modelId}. ` +
            `Rebuild them with: ${reindexCommand(this.spec, userId)} (or ${reindexCommand(this.spec)}).`,
        );
      }
    }
    if (this.clean.size >= 100_000) this.clean.clear();
    this.clean.add(userId);
  }

  /** Deletes the user's rows from the other embedders' collections; returns how many were removed. */
  async deleteUser(userId: string): Promise<number> {
    let removed = 0;
    for (const c of this.others) removed += await deleteWhere(c.collection, userWhere(userId));
    this.clean.delete(userId);
    return removed;
  }
}
